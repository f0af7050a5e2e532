using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Portico.Crm.Forms;

/// <summary>
/// CORS for the public form endpoints, checked against each form's own allowed origins (the host's global CORS
/// policy is off for them). A submission must name its page: browsers send <c>Origin</c> with every POST (and
/// <c>Referer</c> where a privacy setting drops it); one with neither, or from a site the form does not allow, is a
/// 403. A script can forge both headers, so this only keeps the form off other sites' pages; the started token and
/// the rate limit stop scripts.
/// </summary>
internal static class FormOrigins
{
    public const int MaxAgeSeconds = 600;

    /// <summary>A CORS policy name nobody registers; see <see cref="WithFormCors"/>.</summary>
    private const string OwnPolicy = "portico:web-forms:per-form-origins";

    /// <summary>
    /// Takes the endpoint out of the host's CORS middleware, which would answer every preflight itself (204, with
    /// or without allow headers): an endpoint that names a policy the host does not know is passed through, so
    /// the preflight and the headers come from the form's own allowed origins.
    /// </summary>
    public static TBuilder WithFormCors<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireCors(OwnPolicy);

    /// <summary>The origin as a browser sends it (<c>https://salon.example</c>, <c>http://localhost:3000</c>), or null when it is not one.</summary>
    public static string? Normalize(string? raw)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 200 || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.UserInfo) || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)
            || text.EndsWith('#') || text.EndsWith('?') || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        return $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}{port}";
    }

    public static IReadOnlyList<string> Of(WebForm form) => form.AllowedOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The request's <c>Origin</c>, when it sent one.</summary>
    public static string? OriginOf(HttpRequest request) =>
        request.Headers.Origin.ToString() is { Length: > 0 } origin ? origin : null;

    /// <summary>Whether a browser on <paramref name="origin"/> may use the form: one of its allowed origins, or the platform's own.</summary>
    public static bool Allows(WebForm form, string origin, HttpRequest request) =>
        Of(form).Contains(Normalize(origin) ?? "\0", StringComparer.Ordinal)
        || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Lets the browser read the answer, whatever it turns out to be: added as the response starts, so problem
    /// details written by the exception handler (which clears headers) carry it too.
    /// </summary>
    public static void AllowReading(HttpResponse response, string origin)
    {
        response.OnStarting(() =>
        {
            response.Headers.AccessControlAllowOrigin = origin;
            response.Headers.AccessControlExposeHeaders = HeaderNames.RetryAfter;
            response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Checks a submission's page: <c>Origin</c>, or the origin of <c>Referer</c> when a browser sent no
    /// <c>Origin</c>. Neither is a 403 <c>origin-required</c>, a foreign one a 403 <c>origin-not-allowed</c>; an
    /// allowed cross-origin caller may read the answer.
    /// </summary>
    public static void CheckPost(WebForm form, HttpContext http)
    {
        var origin = OriginOf(http.Request);
        var page = origin ?? RefererOrigin(http.Request);
        if (page is null)
        {
            throw new ForbiddenException("A form submission must come from a web page: send the Origin (or Referer) header of the page that shows the form.", "origin-required");
        }

        if (!Allows(form, page, http.Request))
        {
            throw new ForbiddenException($"This form does not accept submissions from '{page}'. Add the site to the form's allowed origins.", "origin-not-allowed");
        }

        if (origin is not null)
        {
            AllowReading(http.Response, origin);
        }
    }

    /// <summary>The origin (scheme, host, port) of the page named by <c>Referer</c>, or null.</summary>
    private static string? RefererOrigin(HttpRequest request) =>
        Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer) && referer.Scheme is "https" or "http"
            ? referer.GetLeftPart(UriPartial.Authority)
            : null;
}
