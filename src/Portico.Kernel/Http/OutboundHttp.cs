using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Portico.Kernel.Http;

/// <summary>Whose URLs a guarded client calls.</summary>
public enum OutboundCaller
{
    /// <summary>URLs tenants or browsers give (webhooks, Slack webhooks, push endpoints): the address policy always applies.</summary>
    Tenant,

    /// <summary>Provider APIs the operator configured (Telegram, MessageBird): the policy applies except to <see cref="OutboundOptions.TrustedProviderHosts"/>.</summary>
    Provider,
}

/// <summary>
/// The one guarded HTTP client for every request the product sends on a tenant's behalf. Modules register
/// their clients with <see cref="AddOutboundHttpClient{TClient}"/> (or the named overload) and get: the
/// <see cref="OutboundPolicy"/> checked on every address a name resolves to at connect time (so DNS rebinding
/// and names that point inside fail), no redirects followed, no proxy, no cookies, a deadline, and a cap on the
/// answer's headers. Delivery logs record what happened through <see cref="OutboundStatus"/>, never the answer.
/// </summary>
public static class OutboundHttp
{
    /// <summary>Response headers larger than this (in KiB) fail the request.</summary>
    public const int MaxResponseHeadersKiB = 32;

    /// <summary>The most a guarded client buffers of an answer (<c>ReadAsStringAsync</c>, <c>PostAsJsonAsync</c>); a longer one fails the request.</summary>
    public const int MaxBufferedResponseBytes = 1024 * 1024;

    public static IHttpClientBuilder AddOutboundHttpClient<TClient>(this IServiceCollection services, OutboundCaller caller, TimeSpan? timeout = null)
        where TClient : class =>
        services.AddOutboundPolicy().AddHttpClient<TClient>().Guard(caller, timeout);

    public static IHttpClientBuilder AddOutboundHttpClient(this IServiceCollection services, string name, OutboundCaller caller, TimeSpan? timeout = null) =>
        services.AddOutboundPolicy().AddHttpClient(name).Guard(caller, timeout);

    /// <summary>Registers <see cref="OutboundOptions"/> (bound to <c>Portico:Outbound</c>) and <see cref="OutboundPolicy"/> once.</summary>
    public static IServiceCollection AddOutboundPolicy(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(OutboundPolicy)))
        {
            return services;
        }

        services.AddOptions<OutboundOptions>()
            .Configure<IConfiguration>((o, configuration) => configuration.GetSection(OutboundOptions.Section).Bind(o))
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(2), "Portico:Outbound:Timeout must be between 0 and 2 minutes.")
            .Validate(o => o.ResolveTimeout > TimeSpan.Zero && o.ResolveTimeout <= TimeSpan.FromSeconds(30), "Portico:Outbound:ResolveTimeout must be between 0 and 30 seconds.")
            .Validate(o => o.AllowLoopbackPorts.All(p => p is > 0 and <= 65535), "Portico:Outbound:AllowLoopbackPorts must be ports from 1 to 65535.")
            .ValidateOnStart();
        services.AddSingleton<OutboundPolicy>();
        return services;
    }

    private static IHttpClientBuilder Guard(this IHttpClientBuilder builder, OutboundCaller caller, TimeSpan? timeout)
    {
        builder
            .ConfigureHttpClient((sp, client) =>
            {
                client.Timeout = timeout ?? sp.GetRequiredService<IOptions<OutboundOptions>>().Value.Timeout;
                client.MaxResponseContentBufferSize = MaxBufferedResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<OutboundPolicy>(), caller));
        if (caller == OutboundCaller.Tenant)
        {
            // A URL saved before a rule tightened (or written around the API) is checked again on every request.
            builder.AddHttpMessageHandler(sp => new OutboundUrlCheck(sp.GetRequiredService<OutboundPolicy>()));
        }

        return builder;
    }

    /// <summary>
    /// The handler behind every guarded client: no redirects (a 3xx is the answer; following it would reach an address
    /// nobody checked), no cookies, no proxy (the check must see the real destination), and every connection made only
    /// to the addresses the policy allows, resolved at that moment.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(OutboundPolicy policy, OutboundCaller caller)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            MaxResponseHeadersLength = MaxResponseHeadersKiB,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var host = context.DnsEndPoint.Host;
                var port = context.DnsEndPoint.Port;
                var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
                var trusted = caller == OutboundCaller.Provider && policy.IsTrustedProvider(host, port);
                var allowed = trusted ? addresses : addresses.Where(a => policy.Allows(a, port)).ToArray();
                if (allowed.Length == 0 || (!trusted && allowed.Length < addresses.Length))
                {
                    // A name with one internal address among public ones is refused as a whole: which one a connection takes is not ours to choose.
                    throw new OutboundRefusedException();
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> of an answer as text (a provider's JSON), failing if it is longer: nothing reads an unbounded body.</summary>
    public static async Task<string> ReadLimitedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Headers.ContentLength > maxBytes)
        {
            throw new OutboundResponseTooLargeException();
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[maxBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }

        return read > maxBytes ? throw new OutboundResponseTooLargeException() : Encoding.UTF8.GetString(buffer, 0, read);
    }
}

/// <summary>Checks the request's URL against the policy's text rules (scheme, user info, host form, port) before anything is sent.</summary>
internal sealed class OutboundUrlCheck(OutboundPolicy policy) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.RequestUri is null || policy.CheckUrl(request.RequestUri.OriginalString, out _) is not null
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, OutboundStatus.Refused, new OutboundRefusedException())
            : base.SendAsync(request, cancellationToken);
}

/// <summary>The destination resolves to an address the outbound policy refuses; nothing was sent.</summary>
public sealed class OutboundRefusedException() : IOException(OutboundStatus.Refused);

/// <summary>The answer was longer than the caller reads.</summary>
public sealed class OutboundResponseTooLargeException() : IOException(OutboundStatus.TooLarge);

/// <summary>
/// The short, fixed statuses delivery logs keep for an outbound request: the HTTP status code, or one of a few words
/// for why there was none. Never the answer's body or a socket error's text, which would let a tenant read what is
/// on the other side or map which ports are open.
/// </summary>
public static class OutboundStatus
{
    public const string Refused = "refused by address policy";
    public const string Timeout = "timeout";
    public const string ConnectionFailed = "connection failed";
    public const string NameNotResolved = "host name not resolved";
    public const string TlsFailed = "TLS handshake failed";
    public const string TooLarge = "answer too large";

    public static string Of(HttpStatusCode status) => $"HTTP {(int)status}";

    public static string Of(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return (int)response.StatusCode is >= 300 and < 400 ? $"{Of(response.StatusCode)} (redirects are not followed)" : Of(response.StatusCode);
    }

    /// <summary>The status for a request that got no answer, or null when <paramref name="ex"/> is not about the network.</summary>
    public static string? Of(Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case OutboundRefusedException:
                    return Refused;
                case OutboundResponseTooLargeException:
                    return TooLarge;
                case TimeoutException:
                    return Timeout;
            }
        }

        return ex switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => NameNotResolved,
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => TlsFailed,
            HttpRequestException or IOException or SocketException => ConnectionFailed,
            OperationCanceledException => Timeout,
            _ => null,
        };
    }
}
