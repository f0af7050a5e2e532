using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Portico.Server.Http;

/// <summary>Settings under <c>Portico:Http</c>.</summary>
internal sealed class HttpLimits
{
    public const string Section = "Portico:Http";
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Largest request body accepted by the API (uploads get their own limits).</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>Origins allowed to call the API from a browser.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>
    /// Behind a reverse proxy or load balancer: take the client address and scheme from
    /// X-Forwarded-For / X-Forwarded-Proto (for rate limits, HSTS and logs). Off by default,
    /// because a directly exposed server must not believe such headers.
    /// </summary>
    public bool TrustForwardedHeaders { get; set; }

    /// <summary>
    /// The proxies whose forwarded headers count (addresses or CIDR networks, e.g. <c>10.0.0.0/8</c>).
    /// Empty with <see cref="TrustForwardedHeaders"/> on trusts any sender: only for a server reachable solely through the proxy.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
}

internal static class HttpPipelineExtensions
{
    /// <summary>
    /// Refuses oversized bodies up front (413 problem details) when the length is declared, and caps
    /// streamed bodies through the server feature, so the limit also holds behind test servers and proxies.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // An endpoint that takes large bodies (file uploads) declares its own limit; every other one gets the global one.
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } own }
            ? own
            : http.RequestServices.GetRequiredService<IOptions<HttpLimits>>().Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(http);
    });

    private const string ConsoleContentSecurityPolicy =
        "default-src 'self'; script-src 'self' https://telegram.org; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; "
        + "font-src 'self' data:; connect-src 'self' ws: wss:; frame-src https://oauth.telegram.org; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>Headers every response carries: no sniffing, no framing, no referrer leaks, a tight CSP on the API.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            var path = http.Request.Path;
            if (Console.Shell.ConsoleSetup.IsApiPath(path) || path.StartsWithSegments("/forms") || path.StartsWithSegments("/health"))
            {
                // The API never serves active content.
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            }
            else if (!path.StartsWithSegments("/docs"))
            {
                // The console: its own scripts only; MudBlazor sets inline styles; the circuit talks over a WebSocket to this host.
                headers.ContentSecurityPolicy = ConsoleContentSecurityPolicy;
            }

            if (http.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            return Task.CompletedTask;
        });
        await next(http);
    });

    public static IApplicationBuilder UseForwardedHeadersWhenTrusted(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IOptions<HttpLimits>>().Value.TrustForwardedHeaders)
        {
            return app;
        }

        var limits = app.ApplicationServices.GetRequiredService<IOptions<HttpLimits>>().Value;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in limits.TrustedProxies)
        {
            if (proxy.Contains('/', StringComparison.Ordinal))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            }
            else
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        }

        if (limits.TrustedProxies.Length == 0)
        {
            // Containers: the proxy's address is not known in advance; the server must not be reachable directly.
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("0.0.0.0/0"));
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("::/0"));
        }

        return app.UseForwardedHeaders(options);
    }

    /// <summary>CORS for browser clients on the origins in <c>Portico:Http:CorsOrigins</c>; none by default.</summary>
    public static IServiceCollection AddPorticoCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<HttpLimits>>((cors, limits) => cors.AddDefaultPolicy(policy =>
        {
            if (limits.Value.CorsOrigins.Length > 0)
            {
                policy.WithOrigins(limits.Value.CorsOrigins)
                    .AllowAnyHeader()
                    .AllowAnyMethod()
                    .WithExposedHeaders("ETag", "Location", "Idempotency-Replayed", "Retry-After");
            }
        }));
        return services;
    }
}
