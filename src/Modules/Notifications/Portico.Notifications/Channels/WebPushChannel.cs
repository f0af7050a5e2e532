using System.Net;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;
using Portico.Kernel.Http;

namespace Portico.Notifications.Channels;

/// <summary>
/// Web Push (RFC 8030) to every browser the user subscribed: the payload encrypted with the subscription's
/// keys (<c>aes128gcm</c>, RFC 8291) and signed for the push service with the platform's VAPID key
/// (RFC 8292). A push service answering 404 or 410 means the subscription is gone: it is removed. Endpoints are
/// reached through the guarded outbound client; the log keeps status codes only.
/// </summary>
internal sealed class WebPushChannel(HttpClient http, NotificationsDbContext db, IOptions<NotificationsOptions> options) : INotificationChannel
{
    public string Name => ChannelNames.WebPush;

    public Markup Markup => Markup.PlainText;

    public async Task<string> SendAsync(ChannelTarget target, RenderedMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value.WebPush;
        if (!settings.Enabled)
        {
            throw new DeliveryRejectedException("Web Push is not configured (Portico:Notifications:WebPush:PublicKey and PrivateKey).");
        }

        var subscriptions = await db.PushSubscriptions.Where(s => s.UserId == target.UserId).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        if (subscriptions.Count == 0)
        {
            throw new DeliveryRejectedException("The user has no push subscriptions.");
        }

        using var vapid = new VapidAuthentication(settings.PublicKey, settings.PrivateKey) { Subject = settings.Subject };
        var client = new PushServiceClient(http)
        {
            DefaultAuthentication = vapid,
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
            DefaultTimeToLive = settings.TimeToLive,
            AutoRetryAfter = false,
        };
        var payload = JsonSerializer.Serialize(new
        {
            title = message.Subject,
            body = message.Text,
            data = new { eventType = target.EventType, deliveryId = target.DeliveryId },
        });

        var (delivered, removed, failures) = (0, 0, new List<string>());
        var retryable = false;
        foreach (var subscription in subscriptions)
        {
            var push = new PushSubscription { Endpoint = subscription.Endpoint };
            push.SetKey(PushEncryptionKeyName.P256DH, subscription.P256dh);
            push.SetKey(PushEncryptionKeyName.Auth, subscription.Auth);
            try
            {
                await client.RequestPushMessageDeliveryAsync(push, new PushMessage(payload) { Urgency = PushMessageUrgency.Normal }, cancellationToken);
                delivered++;
            }
            catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                db.PushSubscriptions.Remove(subscription);
                removed++;
            }
            catch (PushServiceClientException ex)
            {
                // The endpoint is the browser's choice: the log keeps the status code, not what the push service said.
                retryable |= ProviderAnswers.IsRetryable(ex.StatusCode);
                failures.Add(OutboundStatus.Of(ex.StatusCode));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && OutboundStatus.Of(ex) is { } status)
            {
                retryable |= status != OutboundStatus.Refused;
                failures.Add(status);
            }
        }

        if (removed > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        var answer = $"push: {delivered} delivered, {removed} expired and removed" + (failures.Count > 0 ? $", refused: {string.Join("; ", failures)}" : "");
        if (delivered > 0)
        {
            return answer;
        }

        throw retryable ? new ProviderUnavailableException(answer) : new DeliveryRejectedException(answer);
    }
}
