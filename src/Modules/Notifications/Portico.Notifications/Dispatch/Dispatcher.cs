using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Portico.Data.Events;
using Portico.Kernel.Events;
using Portico.Kernel.Http;
using Portico.Notifications.Channels;
using Portico.Notifications.Deliveries;
using Portico.Notifications.Preferences;
using Portico.Notifications.Templates;
using Portico.Notifications.Triggers;
using Portico.Tenancy.Contracts;

namespace Portico.Notifications.Dispatch;

/// <summary>
/// Sends one delivery, once. A delivery already sent, failed or skipped is left alone (idempotency per delivery
/// id: a retried or duplicated message sends nothing twice). Preferences are checked again; outside in-app,
/// the recipient's quiet hours defer it to their end. Then render, claim (a version bump, so two workers never
/// both send), send, and record the provider's answer: sent; failed for a refusal; retrying for a failure the
/// provider may get over, thrown for the queue to retry, and failed on the last attempt.
/// </summary>
internal sealed class Dispatcher(
    NotificationsDbContext db, Outbox outbox, IEnumerable<INotificationChannel> channels, TemplateResolver templates,
    ITenantProfiles tenants, SecretProtector secrets, TimeProvider clock, IConfiguration configuration, ILogger<Dispatcher> logger)
{
    public async Task SendAsync(SendNotification message, int attempt, CancellationToken ct)
    {
        var delivery = await db.Deliveries.FirstOrDefaultAsync(d => d.Id == message.DeliveryId, ct);
        if (delivery is null || DeliveryStatus.IsFinal(delivery.Status))
        {
            return;
        }

        if (await tenants.FindAsync(delivery.TenantId, ct) is not { Suspended: false })
        {
            // Queued before the suspension (or a delayed one): skipped, not held, like the events raised during it.
            await FinishAsync(delivery, DeliveryStatus.Skipped, "the tenant is suspended", ct);
            return;
        }

        var trigger = await db.Triggers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == delivery.TriggerId, ct);
        if (trigger is not { Enabled: true })
        {
            await FinishAsync(delivery, DeliveryStatus.Skipped, "the trigger was deleted or switched off before the delivery was due", ct);
            return;
        }

        var now = clock.GetUtcNow();
        var zone = RenderModel.TimeZoneOf(delivery.TimeZone);
        if (delivery.RecipientUserId is { } userId)
        {
            var preferences = await db.Preferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, ct);
            if (preferences is not null && !NotificationPreferences.Allows(preferences.RuleList(), delivery.EventType, delivery.Channel))
            {
                await FinishAsync(delivery, DeliveryStatus.Skipped, $"the member switched off {delivery.EventType} on {delivery.Channel}", ct);
                return;
            }

            if (delivery.Channel != ChannelNames.InApp && preferences?.Quiet()?.EndAfter(now, zone) is { } quietEnd)
            {
                delivery.Status = DeliveryStatus.Queued;
                delivery.ScheduledFor = quietEnd;
                delivery.ProviderAnswer = $"deferred by the recipient's quiet hours until {quietEnd:yyyy-MM-dd'T'HH:mm:ss'Z'}";
                outbox.Schedule(message, quietEnd);
                await outbox.SaveChangesAsync(db, ct);
                return;
            }
        }

        var channel = channels.Single(c => c.Name == delivery.Channel);
        // Untracked, so the revealed secrets live only in this copy for the channel, never saved back.
        var settings = ChannelSecrets.Reveal(await db.ChannelSettings.AsNoTracking().FirstOrDefaultAsync(ct), secrets);
        var address = delivery.RecipientKind != RecipientSpec.Default
            ? delivery.Recipient
            : delivery.Channel == ChannelNames.Slack ? settings?.SlackWebhookUrl : settings?.TelegramChatId;
        if (address is null)
        {
            await FinishAsync(delivery, DeliveryStatus.Failed, $"the tenant has no default {delivery.Channel} destination (PUT notifications/channels)", ct);
            return;
        }

        var received = await db.ReceivedEvents.AsNoTracking().FirstAsync(e => e.Id == delivery.EventId, ct);
        var integrationEvent = JsonSerializer.Deserialize<IntegrationEvent>(received.Payload, EventJson.Options)!;
        RenderedMessage rendered;
        try
        {
            var text = await templates.ResolveAsync(delivery.EventType, delivery.Channel, delivery.Locale, ct);
            var recipient = new RecipientInfo(delivery.RecipientName, delivery.Channel == ChannelNames.Email ? address : null, delivery.Channel == ChannelNames.Sms ? address : null, delivery.Locale);
            rendered = await LiquidTemplates.RenderAsync(text, RenderModel.Build(integrationEvent, recipient, zone), channel.Markup, channel.Name == ChannelNames.Email, delivery.Locale, zone, ct);
        }
        catch (TemplateRenderException ex)
        {
            // A template that breaks a limit breaks it on every attempt: failed for good, with the limit named.
            await FinishAsync(delivery, DeliveryStatus.Failed, $"the template could not be rendered: {ex.Message}", ct);
            return;
        }

        // The claim: a second worker holding the same message fails here on the version and leaves it.
        delivery.Attempts++;
        delivery.Subject = Cut(rendered.Subject, 500);
        delivery.Body = Cut(rendered.Text, 8000);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            return;
        }

        try
        {
            var answer = await channel.SendAsync(new ChannelTarget(delivery.Id, address, delivery.RecipientUserId, delivery.RecipientName, delivery.EventType, settings), rendered, ct);
            delivery.SentAt = clock.GetUtcNow();
            await FinishAsync(delivery, DeliveryStatus.Sent, answer, ct);
        }
        catch (DeliveryRejectedException ex)
        {
            await FinishAsync(delivery, DeliveryStatus.Failed, ex.Message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A network failure is logged here in full for the operator, but the tenant's log keeps only a short status (no socket errors).
            var last = attempt >= QueueRetries.MaxAttempts(configuration);
            logger.LogWarning(ex, "Notification delivery {DeliveryId} on {Channel} failed (attempt {Attempt}{Last})", delivery.Id, delivery.Channel, attempt, last ? ", the last" : "");
            await FinishAsync(delivery, last ? DeliveryStatus.DeadLettered : DeliveryStatus.Retrying, $"attempt {attempt}: {OutboundStatus.Of(ex) ?? ex.Message}", CancellationToken.None);
            throw;
        }
    }

    private async Task FinishAsync(Delivery delivery, string status, string answer, CancellationToken ct)
    {
        delivery.Status = status;
        delivery.ProviderAnswer = Cut(answer, 2000);
        await db.SaveChangesAsync(ct);
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
