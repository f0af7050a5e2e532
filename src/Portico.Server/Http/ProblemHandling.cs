using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Portico.Data;
using Portico.Kernel.Errors;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Portico.Kernel.Http;

namespace Portico.Server.Http;

/// <summary>
/// The one place where failures become RFC 9457 problem details: expected use-case failures keep
/// their status and message; malformed requests are 4xx with a clear reason; anything else is a
/// 500 with a trace id and no internals.
/// </summary>
internal static class ProblemHandling
{
    public const string TypeBase = PorticoProblemException.TypeBase;

    public static IServiceCollection AddPorticoProblemDetails(this IServiceCollection services)
    {
        // Ahead of the framework's writer, which declines when Accept does not name JSON (text/html,
        // text/event-stream, image/png…) and so turned a 404 into an empty 500.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            problem.Instance ??= context.HttpContext.Request.Path;
            if (problem.Type is null or "" || problem.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
            {
                // Responses made by the framework (routing, authentication, rate limiting) get the same named types as ours.
                problem.Type = TypeBase + (problem.Status switch
                {
                    400 => "bad-request",
                    401 => "unauthorized",
                    403 => "forbidden",
                    404 => "not-found",
                    405 => "method-not-allowed",
                    413 => "payload-too-large",
                    415 => "unsupported-media-type",
                    429 => "too-many-requests",
                    _ => (problem.Status ?? 500).ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
            }

            problem.Detail ??= problem.Status switch
            {
                404 => $"No resource matches '{context.HttpContext.Request.Path}'.",
                405 => $"This address does not accept {context.HttpContext.Request.Method}.",
                _ => problem.Detail,
            };
        });
        services.AddExceptionHandler<PorticoExceptionHandler>();
        return services;
    }

    private sealed class PorticoExceptionHandler(IProblemDetailsService problems, ILogger<PorticoExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
        {
            var problem = Describe(exception, http.RequestAborted.IsCancellationRequested);
            if (problem.Status >= 500)
            {
                logger.LogError(exception, "Unhandled exception on {Method} {Path}", http.Request.Method, http.Request.Path);
            }

            http.Response.StatusCode = problem.Status!.Value;
            if (exception is PorticoProblemException { RetryAfter: { } retryAfter })
            {
                http.Response.SetRetryAfter(retryAfter);
            }

            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
        }

        private static ProblemDetails Describe(Exception exception, bool requestAborted) => exception switch
        {
            ValidationException v => new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = v.Status, Title = v.Title, Detail = v.Message, Type = TypeBase + v.Code,
            },
            ConflictException { ExistingId: { } existingId } c => new ProblemDetails
            {
                Status = c.Status, Title = c.Title, Detail = c.Message, Type = TypeBase + c.Code, Extensions = { ["existingId"] = existingId },
            },
            PorticoProblemException { Extensions: { } extensions } p => WithExtensions(new ProblemDetails { Status = p.Status, Title = p.Title, Detail = p.Message, Type = TypeBase + p.Code }, extensions),
            PorticoProblemException p => new ProblemDetails { Status = p.Status, Title = p.Title, Detail = p.Message, Type = TypeBase + p.Code },
            BadHttpRequestException bad => FromBadRequest(bad),
            NulCharacterException nul => Bad(400, "invalid-text", JsonErrors.Describe(nul)),
            JsonException json => Bad(400, "invalid-json", JsonErrors.Describe(json)),
            _ when DatabaseErrors.IsInvalidText(exception) =>
                Bad(400, "invalid-text", "Text values must not contain NUL (\\u0000) characters."),
            // An outside service (an identity provider, Twilio) failed or timed out: not our bug, not the client's.
            HttpRequestException => new ProblemDetails
            {
                Status = 503, Title = "Service unavailable", Detail = "An outside service did not answer. Try again later.", Type = TypeBase + "upstream-unavailable",
            },
            OperationCanceledException when !requestAborted => new ProblemDetails
            {
                Status = 503, Title = "Service unavailable", Detail = "An outside service took too long to answer. Try again later.", Type = TypeBase + "upstream-unavailable",
            },
            OperationCanceledException => new ProblemDetails { Status = 499, Title = "Client closed request", Type = TypeBase + "cancelled" },
            _ => new ProblemDetails
            {
                Status = 500,
                Title = "Internal server error",
                Detail = "Something went wrong on our side. Quote the traceId when you contact support.",
                Type = TypeBase + "internal",
            },
        };

        // Minimal APIs wrap JSON errors; the inner exception says which field and where. Messages name JSON
        // paths and parameters, never .NET types.
        private static ProblemDetails FromBadRequest(BadHttpRequestException bad) => (bad.StatusCode, bad.InnerException) switch
        {
            (413, _) => Bad(413, "payload-too-large", "The request body is larger than this endpoint accepts."),
            (415, _) => Bad(415, "unsupported-media-type", "Send the body as application/json."),
            (_, NulCharacterException nul) => Bad(400, "invalid-text", JsonErrors.Describe(nul)),
            (_, JsonException json) => Bad(bad.StatusCode, "invalid-json", JsonErrors.Describe(json)),
            _ => Bad(bad.StatusCode, "bad-request", JsonErrors.DescribeBinding(bad.Message)),
        };

        private static ProblemDetails WithExtensions(ProblemDetails problem, IReadOnlyDictionary<string, object?> extensions)
        {
            foreach (var (name, value) in extensions)
            {
                problem.Extensions[name] = value;
            }

            return problem;
        }

        private static ProblemDetails Bad(int status, string code, string detail) => new()
        {
            Status = status,
            Title = status switch { 413 => "Payload too large", 415 => "Unsupported media type", _ => "Bad request" },
            Detail = detail,
            Type = TypeBase + code,
        };
    }

    /// <summary>
    /// Writes every problem as <c>application/problem+json</c>, whatever the request's Accept header: an error
    /// must say what went wrong, and a client that asked for an image or a stream still reads the status.
    /// </summary>
    private sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => true;

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var http = context.HttpContext;
            var problem = context.ProblemDetails;
            problem.Status ??= http.Response.StatusCode;
            problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
            options.Value.CustomizeProblemDetails?.Invoke(context);
            var typeInfo = json.Value.SerializerOptions.GetTypeInfo(problem.GetType());
            return new ValueTask(http.Response.WriteAsJsonAsync(problem, typeInfo, "application/problem+json", http.RequestAborted));
        }
    }
}
