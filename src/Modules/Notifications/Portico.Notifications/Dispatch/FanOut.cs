using System.Text.Json;
using Portico.Data.Events;
using Portico.Kernel.Events;
using Portico.Notifications.Deliveries;
using Portico.Notifications.Triggers;

namespace Portico.Notifications.Dispatch;

/// <summary>
/// From an event to deliveries: for each enabled trigger of the event's type, one delivery per recipient,
/// stored with the event and with a <see cref="SendNotification"/> (at once, or scheduled for the trigger's
/// delay) in one transaction. A redelivered event finds itself already received and adds nothing.
/// </summary>
internal sealed class FanOut(NotificationsDbContext db, Outbox outbox, Recipients recipients, DefaultTriggers defaults, TimeProvider clock)
{
    public async Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken ct)
    {
        if (await db.ReceivedEvents.AnyAsync(e => e.Id == integrationEvent.Id, ct))
        {
            return;
        }

        await defaults.EnsureAsync(integrationEvent, ct);
        var triggers = await db.Triggers.AsNoTracking()
            .Where(t => t.Enabled && (t.EventType == integrationEvent.Type || t.EventType == "*"))
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .ToListAsync(ct);
        if (triggers.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var trigger in triggers)
        {
            var due = TriggerDelay.DueAt(trigger.DelaySeconds, trigger.DelayField, integrationEvent.OccurredAt, integrationEvent.Data);
            foreach (var target in await recipients.ResolveAsync(trigger, integrationEvent, ct))
            {
                var delivery = new Delivery
                {
                    EventId = integrationEvent.Id,
                    EventType = integrationEvent.Type,
                    TriggerId = trigger.Id,
                    Channel = trigger.Channel,
                    RecipientKind = target.Kind,
                    Recipient = target.Recipient,
                    RecipientUserId = target.UserId,
                    RecipientName = target.Name,
                    Locale = target.Locale,
                    TimeZone = target.TimeZone,
                };
                db.Deliveries.Add(delivery);

                var skip = target.SkipReason ?? (due is null ? $"the event's data has no time in {trigger.DelayField}" : null);
                if (skip is not null)
                {
                    delivery.Status = DeliveryStatus.Skipped;
                    delivery.ProviderAnswer = skip;
                    continue;
                }

                var message = new SendNotification(delivery.Id, integrationEvent.TenantId, integrationEvent.TenantSlug);
                if (due > now)
                {
                    delivery.ScheduledFor = due;
                    outbox.Schedule(message, due.Value);
                }
                else
                {
                    outbox.Send(message);
                }
            }
        }

        db.ReceivedEvents.Add(new ReceivedEvent
        {
            Id = integrationEvent.Id,
            EventType = integrationEvent.Type,
            Payload = JsonSerializer.Serialize(integrationEvent, EventJson.Options),
        });
        try
        {
            await outbox.SaveChangesAsync(db, ct);
        }
        catch (ConflictException)
        {
            // The same event, delivered twice at once, got here first on another worker: its deliveries stand.
        }
    }
}
