using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Portico.Kernel.Events;

namespace Portico.Realtime;

/// <summary>
/// Reader of every integration event in the event log: appends each to its tenant's stream (once per event
/// id, however often the log hands it over), wakes this instance's SSE readers, then pushes it to the hub
/// rooms <c>tenant:{slug}</c> and the event's scoped rooms under its realtime name (<c>new-lead</c>…).
/// Positions need no retry: one instance at a time reads the log for this subscriber, in log order, so the
/// stream's next position is the tenant's last plus one, and each tenant's batch is one transaction.
/// </summary>
internal sealed class StreamEvents(IServiceScopeFactory scopes) : IEventSubscriber
{
    public string Name => "realtime.stream";

    public IReadOnlyCollection<string>? EventTypes => null;

    public async Task HandleAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        // tenant.purged is for the modules, not for a stream: the tenant and its stream are being erased.
        foreach (var tenant in events.Where(e => e.Type != TenantPurged.Name).GroupBy(e => e.TenantId))
        {
            var batch = tenant.ToList();
            await scopes.RunForEventAsync(batch[0], "realtime", services => AppendAndPushAsync(services, batch, cancellationToken));
        }
    }

    private static async Task AppendAndPushAsync(IServiceProvider services, List<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<RealtimeDbContext>();
        var ids = events.Select(e => e.Id).ToList();
        // Handed over before (a crash after the append, before the checkpoint moved): the stream has those and the hub had them.
        var stored = (await db.Events.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();
        var fresh = events.Where(e => stored.Add(e.Id)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        var position = await db.Events.MaxAsync(e => (long?)e.Position, cancellationToken) ?? 0;
        var payloads = new List<(IntegrationEvent Event, string Payload)>(fresh.Count);
        foreach (var integrationEvent in fresh)
        {
            var payload = EventStream.PayloadOf(integrationEvent);
            payloads.Add((integrationEvent, payload));
            db.Events.Add(new StreamedEvent
            {
                Id = integrationEvent.Id,
                Position = ++position,
                Type = integrationEvent.Type,
                Name = integrationEvent.RealtimeName,
                Rooms = string.Join(' ', integrationEvent.Rooms),
                OccurredAt = integrationEvent.OccurredAt,
                Payload = payload,
            });
        }

        await db.SaveChangesAsync(cancellationToken);

        var tenantId = fresh[0].TenantId;
        services.GetRequiredService<StreamSignal>().Pulse(tenantId);
        var publisher = services.GetRequiredService<IRealtimePublisher>();
        foreach (var (integrationEvent, payload) in payloads)
        {
            using var document = JsonDocument.Parse(payload);
            var message = document.RootElement.Clone();
            await publisher.PublishToRoomAsync(tenantId, EventsHub.TenantRoom(integrationEvent.TenantSlug), integrationEvent.RealtimeName, message, cancellationToken);
            foreach (var room in integrationEvent.Rooms)
            {
                await publisher.PublishToRoomAsync(tenantId, room, integrationEvent.RealtimeName, message, cancellationToken);
            }
        }
    }
}
