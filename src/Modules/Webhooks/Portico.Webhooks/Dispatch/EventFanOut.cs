using Microsoft.Extensions.DependencyInjection;
using Portico.Data.Events;
using Portico.Kernel.Events;
using Portico.Tenancy.Contracts;
using Portico.Webhooks.Deliveries;

namespace Portico.Webhooks.Dispatch;

/// <summary>
/// Reads every integration event from the event log: one delivery per enabled endpoint of the event's tenant
/// that wants its type. A batch looks up each tenant's endpoints once, so events no endpoint wants cost no
/// more than that; the others are fanned out one by one, each in its own transaction.
/// </summary>
internal sealed class WebhookEventSubscriber(IServiceScopeFactory scopes) : IEventSubscriber
{
    public string Name => "webhooks";

    /// <summary>Every type: tenants subscribe endpoints to any type, including custom ones and <c>*</c>.</summary>
    public IReadOnlyCollection<string>? EventTypes => null;

    public async Task HandleAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var tenant in events.GroupBy(e => e.TenantId))
        {
            var first = tenant.First();
            var wanted = await scopes.RunAsync(first.TenantId, first.TenantSlug, $"system:{EventFanOut.Actor}", async services =>
            {
                // A suspended tenant's events reach none of its endpoints, and are not kept for later (nor a deleted
                // or purged tenant's: tenant.purged never leaves the platform).
                if (await services.GetRequiredService<ITenantProfiles>().FindAsync(first.TenantId, cancellationToken) is not { Suspended: false })
                {
                    return [];
                }

                var endpoints = await services.GetRequiredService<WebhooksDbContext>().Endpoints.AsNoTracking()
                    .Where(e => e.Enabled).ToListAsync(cancellationToken);
                return tenant.Where(e => endpoints.Any(endpoint => endpoint.Subscribes(e.Type))).ToList();
            });
            foreach (var message in wanted)
            {
                await FanOutAsync(message, cancellationToken);
            }
        }
    }

    private async Task FanOutAsync(IntegrationEvent message, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await scopes.RunForEventAsync(message, EventFanOut.Actor, sp => sp.GetRequiredService<EventFanOut.Handler>().HandleAsync(message, cancellationToken));
                return;
            }
            catch (ConflictException) when (attempt < 3)
            {
                // A copy of this event was handled at the same moment; the next pass sees its deliveries and adds none twice.
            }
        }
    }
}

internal static class EventFanOut
{
    public const string Actor = "webhooks";

    internal sealed class Handler(WebhooksDbContext db, Outbox outbox, TimeProvider clock)
    {
        /// <summary>Creates the missing deliveries and queues their first attempts in one transaction; returns how many.</summary>
        public async Task<int> HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
        {
            var endpoints = (await db.Endpoints.AsNoTracking().Where(e => e.Enabled).ToListAsync(cancellationToken))
                .Where(e => e.Subscribes(integrationEvent.Type))
                .ToList();
            if (endpoints.Count == 0)
            {
                return 0;
            }

            // The bus may hand the same event over again: its id is the deduplication key (also a unique index).
            var ids = endpoints.Select(e => e.Id).ToList();
            var served = await db.Deliveries
                .Where(d => d.EventId == integrationEvent.Id && ids.Contains(d.EndpointId))
                .Select(d => d.EndpointId)
                .ToListAsync(cancellationToken);
            var payload = WebhookPayload.Serialize(integrationEvent);
            var created = 0;
            foreach (var endpoint in endpoints.Where(e => !served.Contains(e.Id)))
            {
                var delivery = new WebhookDelivery
                {
                    EndpointId = endpoint.Id,
                    EventId = integrationEvent.Id,
                    EventType = integrationEvent.Type,
                    Payload = payload,
                    AttemptToken = Guid.NewGuid(),
                    NextAttemptAt = clock.GetUtcNow(),
                };
                db.Deliveries.Add(delivery);
                outbox.Send(new DeliverWebhook(integrationEvent.TenantId, integrationEvent.TenantSlug, delivery.Id, delivery.AttemptToken.Value, Manual: false));
                created++;
            }

            await outbox.SaveChangesAsync(db, cancellationToken);
            return created;
        }
    }
}
