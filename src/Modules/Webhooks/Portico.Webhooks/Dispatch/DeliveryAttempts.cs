using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portico.Data.Events;
using Portico.Kernel.Events;
using Portico.Tenancy.Contracts;
using Portico.Webhooks.Deliveries;

namespace Portico.Webhooks.Dispatch;

/// <summary>
/// Makes one attempt of a delivery: claim it, POST it, record the answer and schedule the next attempt
/// or give up, each step in its own unit of work so that no database transaction stays open while the
/// receiver takes its time. Public because the message bus builds it; it holds no state.
/// </summary>
public sealed class WebhookDeliveryWorker(IServiceScopeFactory scopes) : IQueueHandler
{
    public async Task HandleAsync(DeliverWebhook message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var webhook = await RunAsync(message, sp => sp.GetRequiredService<DeliveryAttempts.Handler>().ClaimAsync(message, cancellationToken));
        if (webhook is null)
        {
            return;
        }

        AttemptResult result;
        await using (var scope = scopes.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<WebhookSender>().SendAsync(webhook, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunAsync(message, sp => sp.GetRequiredService<DeliveryAttempts.Handler>().RecordAsync(message, result, cancellationToken));
                return;
            }
            catch (ConcurrencyException) when (attempt < 5)
            {
                // The delivery or its endpoint changed meanwhile (a redelivery, an edit, another attempt): record on the fresh state.
            }
        }
    }

    private Task<T> RunAsync<T>(DeliverWebhook message, Func<IServiceProvider, Task<T>> work) =>
        scopes.RunAsync(message.TenantId, message.TenantSlug, $"system:{EventFanOut.Actor}", work);
}

internal static class DeliveryAttempts
{
    internal sealed class Handler(WebhooksDbContext db, Outbox outbox, IOptions<WebhookOptions> options, ITenantProfiles tenants, SecretProtector secrets, TimeProvider clock)
    {
        /// <summary>
        /// What to send, or null when this message has nothing to do: the delivery is gone, already done, or
        /// belongs to another message now (a redelivered copy, a retry replaced by a manual redelivery).
        /// </summary>
        public async Task<OutgoingWebhook?> ClaimAsync(DeliverWebhook message, CancellationToken cancellationToken)
        {
            var delivery = await db.Deliveries.FirstOrDefaultAsync(d => d.Id == message.DeliveryId, cancellationToken);
            if (delivery is null || delivery.Status != DeliveryStatus.Pending || delivery.AttemptToken != message.AttemptToken)
            {
                return null;
            }

            var now = clock.GetUtcNow();
            var endpoint = await db.Endpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
            if (endpoint is not { Enabled: true } || await tenants.FindAsync(message.TenantId, cancellationToken) is not { Suspended: false })
            {
                // Disabled (by hand or for failing), or the tenant suspended, after this was queued: stop here; a
                // redelivery can send it later.
                delivery.Status = DeliveryStatus.Failed;
                delivery.AttemptToken = null;
                delivery.NextAttemptAt = null;
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }

            var lease = options.Value.Timeout + TimeSpan.FromMinutes(1);
            if (delivery.ClaimedAt is { } claimed && now - claimed < lease)
            {
                // Another copy of this message is sending right now. If that worker died, this copy retries after its lease.
                outbox.Schedule(message, claimed + lease);
                await outbox.SaveChangesAsync(db, cancellationToken);
                return null;
            }

            delivery.ClaimedAt = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (ConcurrencyException)
            {
                return null; // claimed by a parallel copy a moment ago
            }

            return new OutgoingWebhook(delivery.Id, delivery.EventId, delivery.EventType, endpoint.Url, delivery.Payload, endpoint.SigningSecrets(now, secrets), delivery.AttemptCount + 1);
        }

        /// <summary>Stores the attempt; then success, the next scheduled attempt, or giving up; and disables an endpoint that keeps failing.</summary>
        public async Task<bool> RecordAsync(DeliverWebhook message, AttemptResult result, CancellationToken cancellationToken)
        {
            var delivery = await db.Deliveries.FirstOrDefaultAsync(d => d.Id == message.DeliveryId, cancellationToken);
            if (delivery is null)
            {
                return false; // the endpoint was deleted with its history while the attempt ran
            }

            var now = clock.GetUtcNow();
            var settings = options.Value;
            db.Attempts.Add(new WebhookAttempt
            {
                DeliveryId = delivery.Id,
                EndpointId = delivery.EndpointId,
                Number = delivery.AttemptCount + 1,
                AttemptedAt = now,
                Manual = message.Manual,
                Succeeded = result.Succeeded,
                StatusCode = result.StatusCode,
                DurationMs = result.DurationMs,
                Error = result.Error is { Length: > 500 } error ? error[..500] : result.Error,
            });
            delivery.AttemptCount++;
            delivery.LastAttemptAt = now;
            delivery.LastStatusCode = result.StatusCode;
            if (!message.Manual)
            {
                delivery.ScheduledAttempts++;
            }

            // Only the message that owns the delivery moves it on; one replaced meanwhile by a redelivery just leaves its attempt.
            if (delivery.AttemptToken == message.AttemptToken)
            {
                delivery.ClaimedAt = null;
                if (result.Succeeded)
                {
                    Finish(delivery, DeliveryStatus.Succeeded);
                }
                else if (delivery.ScheduledAttempts <= settings.EffectiveRetryDelays.Count)
                {
                    var at = now + settings.EffectiveRetryDelays[Math.Max(delivery.ScheduledAttempts - 1, 0)];
                    delivery.AttemptToken = Guid.NewGuid();
                    delivery.NextAttemptAt = at;
                    outbox.Schedule(message with { AttemptToken = delivery.AttemptToken.Value, Manual = false }, at);
                }
                else
                {
                    Finish(delivery, DeliveryStatus.Failed);
                }
            }

            if (!result.Succeeded)
            {
                await EndpointHealth.DisableIfFailingAsync(db, outbox, delivery.EndpointId, message, now, settings, result.Error, cancellationToken);
            }

            await outbox.SaveChangesAsync(db, cancellationToken);
            return true;
        }

        private static void Finish(WebhookDelivery delivery, string status)
        {
            delivery.Status = status;
            delivery.AttemptToken = null;
            delivery.NextAttemptAt = null;
        }
    }
}
