using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portico.Kernel.Http;

namespace Portico.Webhooks.Dispatch;

/// <summary>What one attempt is about to send.</summary>
internal sealed record OutgoingWebhook(Guid DeliveryId, Guid EventId, string EventType, string Url, string Payload, IReadOnlyList<string> Secrets, int AttemptNumber);

/// <summary>What the receiver answered (its status code), or a short sanitized reason why there was no answer.</summary>
internal sealed record AttemptResult(bool Succeeded, int? StatusCode, int DurationMs, string? Error);

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
            // Only the status line is kept: the answer's body never reaches the delivery log (see OutboundStatus).
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            var succeeded = status is >= 200 and < 300;
            return new AttemptResult(succeeded, status, Elapsed(), succeeded ? null : OutboundStatus.Of(response));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && OutboundStatus.Of(ex) is { } failure)
        {
            return new AttemptResult(false, null, Elapsed(), failure);
        }
    }

    /// <summary>The guarded outbound client (address policy at connect time, no redirects); each attempt has its own deadline (Portico:Webhooks:Timeout), so the client's is off.</summary>
    public static void AddClient(IServiceCollection services) => services
        .AddOutboundHttpClient(ClientName, OutboundCaller.Tenant, System.Threading.Timeout.InfiniteTimeSpan)
        .ConfigureHttpClient(client => client.DefaultRequestHeaders.UserAgent.Add(ProductInfoHeaderValue.Parse(UserAgent)));
}
