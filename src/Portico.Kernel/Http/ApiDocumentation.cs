using Microsoft.AspNetCore.Builder;

namespace Portico.Kernel.Http;

/// <summary>
/// Endpoint metadata: the body is <c>multipart/form-data</c> with one file field and optional text fields.
/// Only documents the body: upload endpoints read the form themselves and carry no Accepts metadata,
/// so routing cannot answer 415 before tenant access is checked.
/// </summary>
public sealed record MultipartBody(string FileField, params string[] TextFields);

/// <summary>Endpoint metadata: a hand-written example request body for the API reference.</summary>
public sealed record RequestExample(object Body);

/// <summary>What the OpenAPI document cannot learn from an endpoint's signature.</summary>
public static class ApiDocumentation
{
    /// <summary>Documents a <c>multipart/form-data</c> upload body (field names as the handler reads them).</summary>
    public static TBuilder AcceptsMultipart<TBuilder>(this TBuilder builder, string fileField, params string[] textFields)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new MultipartBody(fileField, textFields));

    /// <summary>Shows this body as the example in the API reference (serialized like a real request).</summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, object body)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestExample(body));
}
