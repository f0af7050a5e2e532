using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Portico.Webhooks.Deliveries;

namespace Portico.Webhooks.Dispatch;

/// <summary>What one attempt is about to send.</summary>
internal sealed record OutgoingWebhook(Guid DeliveryId, Guid EventId, string EventType, string Url, string Payload, IReadOnlyList<string> Secrets, int AttemptNumber);

/// <summary>What the receiver answered, or why there was no answer.</summary>
internal sealed record AttemptResult(bool Succeeded, int? StatusCode, string? ResponseBody, int DurationMs, string? Error);

/// <summary>POSTs a signed delivery and reports the outcome; never throws for anything the receiver does.</summary>
internal sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string ClientName = "webhooks";
    public const string UserAgent = "Portico-Webhooks/1.0";

    public async Task<AttemptResult> SendAsync(OutgoingWebhook webhook, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(webhook.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Create(webhook.Secrets, clock.GetUtcNow().ToUnixTimeSeconds(), webhook.Payload));
        request.Headers.Add("Portico-Event-Id", webhook.EventId.ToString());
        request.Headers.Add("Portico-Event-Type", webhook.EventType);
        request.Headers.Add("Portico-Delivery-Id", webhook.DeliveryId.ToString());
        request.Headers.Add("Portico-Delivery-Attempt", webhook.AttemptNumber.ToString(CultureInfo.InvariantCulture));

        var timeout = options.Value.Timeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = clock.GetTimestamp();
        int Elapsed() => (int)clock.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            var body = await ReadExcerptAsync(response.Content, deadline.Token);
            var succeeded = status is >= 200 and < 300;
            return new AttemptResult(succeeded, status, body, Elapsed(), succeeded ? null : Describe(response));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(false, null, null, Elapsed(), $"No answer within {timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            return new AttemptResult(false, null, null, Elapsed(), Describe(ex));
        }
    }

    private static string Describe(HttpResponseMessage response) => (int)response.StatusCode switch
    {
        >= 300 and < 400 => $"HTTP {(int)response.StatusCode}: redirects are not followed{(response.Headers.Location is { } to ? $" (to {to})" : "")}; register the final URL.",
        var status => $"HTTP {status}.",
    };

    private static string Describe(HttpRequestException ex)
    {
        if (FindInner<BlockedAddressException>(ex) is { } blocked)
        {
            return blocked.Message;
        }

        var detail = FindInner<SocketException>(ex)?.Message ?? ex.Message;
        return ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => $"The host name could not be resolved: {detail}",
            HttpRequestError.ConnectionError => $"Could not connect: {detail}",
            HttpRequestError.SecureConnectionError => $"The TLS handshake failed: {detail}",
            _ => $"The request failed: {detail}",
        };
    }

    private static T? FindInner<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The first bytes of the answer as text: enough to see an error message, never a whole page.</summary>
    private static async Task<string?> ReadExcerptAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = new byte[WebhookAttempt.MaxResponseExcerpt];
        var read = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            {
                read += n;
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
        {
            // The status line decides; a body cut short (or too slow) is shown as far as it came.
        }

        if (read == 0)
        {
            return null;
        }

        // PostgreSQL text cannot hold NUL; a multi-byte character cut at the end becomes U+FFFD.
        return Encoding.UTF8.GetString(buffer, 0, read).Replace('\0', '\uFFFD');
    }

    /// <summary>
    /// The handler behind the named client: no redirects (a 3xx is a failure, as at Stripe and GitHub), no
    /// cookies, no proxy (the address check must see the real destination), and every connection checked by
    /// <see cref="AddressPolicy"/> on the addresses the name resolves to at that moment.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(IOptions<WebhookOptions> options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = addresses.Where(a => AddressPolicy.Allows(a, options.Value)).ToArray();
            if (allowed.Length == 0)
            {
                throw new BlockedAddressException(host);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public static void ConfigureClient(HttpClient client)
    {
        // Each attempt has its own deadline (Portico:Webhooks:Timeout), so the client's is off.
        client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.UserAgent.Add(ProductInfoHeaderValue.Parse(UserAgent));
    }
}

/// <summary>The endpoint's host resolves only to addresses deliveries may not reach.</summary>
internal sealed class BlockedAddressException(string host)
    : IOException($"Blocked: '{host}' resolves only to private, loopback or otherwise non-public addresses.");
