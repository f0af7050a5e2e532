using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Portico.Kernel.Http;

namespace Portico.Server.Http;

/// <summary>
/// The OpenAPI document by convention, in one place: unique schema names, the bearer scheme on the
/// operations that need a token, the problem answers every operation can give (read from its metadata),
/// multipart upload bodies, and an example body for every operation.
/// </summary>
public static class OpenApiContract
{
    public const string BearerScheme = "Bearer";
    private const string ProblemSchema = "ProblemDetails";
    private const string ValidationProblemSchema = "HttpValidationProblemDetails";
    private const string ProblemJson = "application/problem+json";

    /// <summary>Which CLR type owns each schema name: a second type under a taken name is a bug, not a silent merge.</summary>
    private static readonly ConcurrentDictionary<string, Type> SchemaOwners = new();

    public static void Configure(OpenApiOptions options)
    {
        options.CreateSchemaReferenceId = SchemaReferenceId;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Portico API";
            document.Info.Description =
                "Multi-tenant platform for service businesses. Sign in with POST /api/v1/auth/login and send the accessToken as "
                + "`Authorization: Bearer <token>`. Errors are RFC 9457 problem details (application/problem+json) whatever the Accept header says; "
                + "lists are keyset-paginated.";
            AddBearerScheme(document);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(DescribeOperationAsync);
        options.AddDocumentTransformer((document, context, _) =>
        {
            AddGeneratedExamples(document);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Nested types are named with their declaring types (<c>Login.Request</c> is <c>LoginRequest</c>), generic
    /// types with their arguments (<c>Page&lt;Contact&gt;</c> is <c>PageOfContact</c>). Two types with one name throw.
    /// </summary>
    public static string? SchemaReferenceId(JsonTypeInfo type)
    {
        if (OpenApiOptions.CreateDefaultSchemaReferenceId(type) is null)
        {
            return null; // inlined by the framework: primitives, arrays, dictionaries
        }

        var clr = Nullable.GetUnderlyingType(type.Type) ?? type.Type; // int? and int share a schema
        var name = SchemaName(clr);
        var owner = SchemaOwners.GetOrAdd(name, clr);
        return owner == clr
            ? name
            : throw new InvalidOperationException($"Two types map to the OpenAPI schema '{name}': {owner.FullName} and {clr.FullName}. Rename one.");
    }

    public static string SchemaName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var name = Plain(type.Name);
        if (type.IsGenericType)
        {
            name += "Of" + string.Join("And", type.GetGenericArguments().Select(SchemaName));
        }

        for (var declaring = type.DeclaringType; declaring is not null; declaring = declaring.DeclaringType)
        {
            name = Plain(declaring.Name) + name;
        }

        return name;

        static string Plain(string name) => name.IndexOf('`', StringComparison.Ordinal) is var tick and >= 0 ? name[..tick] : name;
    }

    /// <summary>
    /// The problem statuses an endpoint can answer, from its metadata. Endpoints add their own with
    /// <c>.ProducesProblem(status)</c>; this adds the ones every endpoint of a kind shares.
    /// </summary>
    public static SortedSet<int> ConventionalProblems(IList<object> metadata, string method, string route, bool hasBody)
    {
        var statuses = new SortedSet<int> { 400 }; // malformed query, header or NUL characters: any endpoint
        if (RequiresToken(metadata))
        {
            statuses.UnionWith([401, 403]);
        }

        if (route.Contains('{', StringComparison.Ordinal) || metadata.OfType<TenantScoped>().Any())
        {
            statuses.Add(404);
        }

        if (hasBody)
        {
            statuses.UnionWith([413, 415]);
        }

        // A write checks its rules (a required field, a state that does not allow it), body or not.
        if (hasBody || HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method))
        {
            statuses.Add(422);
        }

        // Idempotency-Key on POST and PATCH: the same key still running is a 409, reused with another body a 422.
        if ((HttpMethods.IsPost(method) || HttpMethods.IsPatch(method)) && !route.StartsWith("/api/v1/auth", StringComparison.Ordinal))
        {
            statuses.UnionWith([409, 422]);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            statuses.Add(429);
        }

        return statuses;
    }

    private static bool RequiresToken(IList<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();

    private static async Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var document = context.Document!;
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var route = "/" + (description.RelativePath ?? "").TrimStart('/');

        if (metadata.OfType<MultipartBody>().FirstOrDefault() is { } multipart)
        {
            operation.RequestBody = MultipartRequestBody(multipart);
        }

        if (RequiresToken(metadata))
        {
            AddBearerScheme(document);
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
        }

        if (metadata.OfType<RequestExample>().FirstOrDefault() is { } example
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true)
        {
            var serializer = context.ApplicationServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            json.Example = JsonSerializer.SerializeToNode(example.Body, example.Body.GetType(), serializer);
        }

        var problem = await ProblemReferenceAsync(context, typeof(ProblemDetails), ProblemSchema, ct);
        var validation = await ProblemReferenceAsync(context, typeof(HttpValidationProblemDetails), ValidationProblemSchema, ct);
        operation.Responses ??= [];
        var statuses = ConventionalProblems(metadata, description.HttpMethod ?? "GET", route, operation.RequestBody is not null);
        foreach (var status in statuses)
        {
            operation.Responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse());
        }

        // Every error answer, conventional or declared by the endpoint (.ProducesProblem), is problem details.
        foreach (var (code, response) in operation.Responses.ToList())
        {
            if (!int.TryParse(code, out var status) || status < 400 || response is not OpenApiResponse concrete)
            {
                continue;
            }

            concrete.Description = string.IsNullOrEmpty(concrete.Description) || concrete.Description == ReasonPhrase(status)
                ? ProblemDescription(status)
                : concrete.Description;
            concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
            concrete.Content.Remove("application/json");
            if (!concrete.Content.ContainsKey(ProblemJson))
            {
                concrete.Content[ProblemJson] = new OpenApiMediaType { Schema = status == 422 ? validation : problem };
            }
        }
    }

    private static async Task<OpenApiSchemaReference> ProblemReferenceAsync(OpenApiOperationTransformerContext context, Type type, string name, CancellationToken ct)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(name) != true)
        {
            document.AddComponent(name, await context.GetOrCreateSchemaAsync(type, null, ct));
        }

        return new OpenApiSchemaReference(name, document);
    }

    private static void AddBearerScheme(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes.TryAdd(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The accessToken from POST /api/v1/auth/login (or a refresh). Valid for minutes; refresh with POST /api/v1/auth/refresh.",
        });
    }

    private static OpenApiRequestBody MultipartRequestBody(MultipartBody body)
    {
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            [body.FileField] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The file's bytes." },
        };
        foreach (var field in body.TextFields)
        {
            properties[field] = new OpenApiSchema { Type = JsonSchemaType.String };
        }

        return new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = properties, Required = new HashSet<string> { body.FileField } },
                },
            },
        };
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static string ProblemDescription(int status) => status switch
    {
        400 => "Bad request: malformed JSON, an unknown field, a value of the wrong type, a bad query value or a NUL character.",
        401 => "No valid access token: sign in and send it as a bearer token.",
        403 => "Signed in, but your role does not allow this, or the tenant is suspended.",
        404 => "Nothing with this id or slug exists that you can see (another tenant's ids are 404 too).",
        409 => "Conflict: the record already exists, or a request with this Idempotency-Key is still running.",
        412 => "If-Match names an older version of the record: reload it and try again.",
        413 => "The request body is larger than this endpoint accepts.",
        415 => "The body's content type is not one this endpoint accepts.",
        422 => "Validation failed: `errors` names each field and what is wrong with it.",
        423 => "The account is temporarily locked.",
        429 => "Too many requests: wait for the seconds in Retry-After.",
        503 => "An outside service did not answer: try again later.",
        _ => ReasonPhrase(status),
    };

    /// <summary>An example built from the schema for every JSON body and success answer that has none written by hand.</summary>
    private static void AddGeneratedExamples(OpenApiDocument document)
    {
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            if (operation.RequestBody?.Content is { } request)
            {
                foreach (var (type, media) in request)
                {
                    if (type == "application/json" && media.Example is null && media.Schema is not null)
                    {
                        media.Example = ExampleOf(media.Schema, null, 0);
                    }
                }
            }

            foreach (var (code, response) in operation.Responses ?? new OpenApiResponses())
            {
                if (code.StartsWith('2') && response.Content?.TryGetValue("application/json", out var media) == true && media.Example is null && media.Schema is not null)
                {
                    media.Example = ExampleOf(media.Schema, null, 0);
                }
            }
        }
    }

    private static JsonNode? ExampleOf(IOpenApiSchema schema, string? name, int depth)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            schema = reference.Target ?? schema;
        }

        if (schema.Examples is { Count: > 0 } given)
        {
            return given[0]?.DeepClone();
        }

        if (schema.Enum is { Count: > 0 } values)
        {
            return values.FirstOrDefault(v => v is not null)?.DeepClone();
        }

        if ((schema.OneOf ?? schema.AnyOf ?? schema.AllOf) is { Count: > 0 } options)
        {
            var chosen = options.FirstOrDefault(o => o is OpenApiSchemaReference || (o.Type is { } t && t != JsonSchemaType.Null)) ?? options[0];
            return ExampleOf(chosen, name, depth);
        }

        var type = schema.Type ?? (schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : JsonSchemaType.String);
        if (depth > 5)
        {
            return null;
        }

        if (type.HasFlag(JsonSchemaType.Object))
        {
            var obj = new JsonObject();
            foreach (var (property, propertySchema) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                obj[property] = ExampleOf(propertySchema, property, depth + 1);
            }

            if (obj.Count == 0 && schema.AdditionalProperties is { } values2)
            {
                obj["key"] = ExampleOf(values2, "value", depth + 1);
            }

            return obj;
        }

        if (type.HasFlag(JsonSchemaType.Array))
        {
            return schema.Items is null ? new JsonArray() : new JsonArray(ExampleOf(schema.Items, Singular(name), depth + 1));
        }

        if (type.HasFlag(JsonSchemaType.Integer))
        {
            return name is "limit" ? 50 : 1;
        }

        if (type.HasFlag(JsonSchemaType.Number))
        {
            return name?.Contains("amount", StringComparison.OrdinalIgnoreCase) == true ? 15000.0 : 1.5;
        }

        if (type.HasFlag(JsonSchemaType.Boolean))
        {
            return true;
        }

        return type.HasFlag(JsonSchemaType.String) ? StringExample(schema.Format, name) : null;
    }

    private static string? Singular(string? name) => name is { Length: > 1 } && name.EndsWith('s') ? name[..^1] : name;

    private static string StringExample(string? format, string? name)
    {
        var key = name?.ToLowerInvariant() ?? "";
        return format switch
        {
            "uuid" => "0b1c4c5e-7d2a-4f3b-9e1a-5c6d7e8f9a0b",
            "date-time" => "2026-03-02T09:30:00+00:00",
            "date" => "2026-03-02",
            "time" => "09:30:00",
            "email" => "anna@example.com",
            "uri" => "https://example.com/hooks/portico",
            "binary" or "byte" => "",
            _ when key.Contains("email", StringComparison.Ordinal) => "anna@example.com",
            _ when key.Contains("phone", StringComparison.Ordinal) => "+79161234567",
            _ when key.Contains("password", StringComparison.Ordinal) => "correct horse battery staple",
            _ when key.Contains("url", StringComparison.Ordinal) || key.Contains("endpoint", StringComparison.Ordinal) => "https://example.com/hooks/portico",
            _ when key.Contains("slug", StringComparison.Ordinal) || key == "tenant" => "studio-anna",
            _ when key is "tokentype" => "Bearer",
            _ when key.Contains("token", StringComparison.Ordinal) => "eyJhbGciOiJIUzI1NiJ9.example.signature",
            _ when key.Contains("cursor", StringComparison.Ordinal) => "eyJrIjoiMjAyNi0wMy0wMiJ9",
            _ when key.Contains("currency", StringComparison.Ordinal) => "RUB",
            _ when key.Contains("code", StringComparison.Ordinal) => "123456",
            _ when key is "firstname" => "Anna",
            _ when key is "lastname" => "Petrova",
            _ when key.Contains("name", StringComparison.Ordinal) => "Anna Petrova",
            _ when key.Contains("title", StringComparison.Ordinal) => "Yoga class for two",
            _ when key.Contains("vertical", StringComparison.Ordinal) => "studio",
            _ when key.Contains("role", StringComparison.Ordinal) => "manager",
            _ when key.Contains("type", StringComparison.Ordinal) || key.Contains("event", StringComparison.Ordinal) => "contact.created",
            _ => "text",
        };
    }
}
