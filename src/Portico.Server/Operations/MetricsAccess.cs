using System.Net;
using System.Security.Cryptography;
using System.Text;
using Portico.Kernel.Errors;

namespace Portico.Server.Operations;

/// <summary>Settings under <c>Portico:Metrics</c>: who may scrape <c>/metrics</c>.</summary>
internal sealed class MetricsOptions
{
    public const string Section = "Portico:Metrics";

    /// <summary>
    /// <c>Anonymous</c> (anyone) or <c>Loopback</c> (only from this machine, e.g. a Prometheus agent beside the server).
    /// Defaults to <c>Loopback</c> outside Development and Testing.
    /// </summary>
    public MetricsAccessMode? Access { get; set; }

    /// <summary>A shared secret: a scraper sending <c>Authorization: Bearer &lt;token&gt;</c> is let in from anywhere.</summary>
    public string? Token { get; set; }
}

internal enum MetricsAccessMode
{
    Anonymous,
    Loopback,
}

internal static class MetricsAccess
{
    /// <summary>Prometheus scraping at <c>/metrics</c>, behind the access rule of <see cref="MetricsOptions"/>.</summary>
    public static void MapPorticoMetrics(this WebApplication app)
    {
        var options = app.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        var mode = options.Access
            ?? (app.Environment.IsDevelopment() || app.Environment.IsEnvironment("Testing") ? MetricsAccessMode.Anonymous : MetricsAccessMode.Loopback);
        var token = string.IsNullOrEmpty(options.Token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.Token));
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/metrics"), branch => branch.Use(async (http, next) =>
        {
            if (mode == MetricsAccessMode.Anonymous || IsLoopback(http.Connection.RemoteIpAddress) || HasToken(http.Request, token))
            {
                await next(http);
                return;
            }

            throw new ForbiddenException("Metrics are served to this machine or to a scraper with the metrics token (Portico:Metrics).", "metrics-forbidden");
        }));
        app.MapPrometheusScrapingEndpoint("/metrics");
    }

    // No address (an in-process test server) is not a remote caller; a proxied request carries the client's address
    // only when forwarded headers are trusted, so a proxy on this machine does not make every caller local.
    private static bool IsLoopback(IPAddress? address) => address is null || IPAddress.IsLoopback(address);

    private static bool HasToken(HttpRequest request, byte[]? expected)
    {
        var header = request.Headers.Authorization.ToString();
        return expected is not null
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim())), expected);
    }
}
