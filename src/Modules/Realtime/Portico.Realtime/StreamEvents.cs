using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Portico.Kernel.Events;

namespace Portico.Realtime;

/// <summary>
/// Subscriber of every integration event: appends it to the tenant's stream (once per event id, however
/// often the bus delivers it), wakes this instance's SSE readers, then pushes it to the hub rooms
/// <c>tenant:{slug}</c> and the event's scoped rooms under its realtime name (<c>new-lead</c>…).
/// </summary>
public sealed class StreamEvents(IServiceScopeFactory scopes) : IQueueHandler
{
    public Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        scopes.RunForEventAsync(integrationEvent, "realtime", services => AppendAndPushAsync(services, integrationEvent, cancellationToken));

    /// <summary>Instances writing one tenant's stream at once may pick the same position; the loser simply takes the next.</summary>
    private const int PositionAttempts = 20;

    private static async Task AppendAndPushAsync(IServiceProvider services, IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<RealtimeDbContext>();
        var payload = EventStream.PayloadOf(integrationEvent);
        for (var attempt = 1; ; attempt++)
        {
            if (await db.Events.AnyAsync(e => e.Id == integrationEvent.Id, cancellationToken))
            {
                return; // delivered before: the stream has it and the hub had it
            }

            var position = (await db.Events.MaxAsync(e => (long?)e.Position, cancellationToken) ?? 0) + 1;
            db.Events.Add(new StreamedEvent
            {
                Id = integrationEvent.Id,
                Position = position,
                Type = integrationEvent.Type,
                Name = integrationEvent.RealtimeName,
                Rooms = string.Join(' ', integrationEvent.Rooms),
                OccurredAt = integrationEvent.OccurredAt,
                Payload = payload,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (ConflictException) when (attempt < PositionAttempts)
            {
                // Another writer committed this position (or this very event) first. Its commit is visible
                // now, so the next round either finds the event or takes the position after it.
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken);
            }
        }

        services.GetRequiredService<StreamSignal>().Pulse(integrationEvent.TenantId);
        var publisher = services.GetRequiredService<IRealtimePublisher>();
        using var document = JsonDocument.Parse(payload);
        var message = document.RootElement.Clone();
        await publisher.PublishToRoomAsync(integrationEvent.TenantId, EventsHub.TenantRoom(integrationEvent.TenantSlug), integrationEvent.RealtimeName, message, cancellationToken);
        foreach (var room in integrationEvent.Rooms)
        {
            await publisher.PublishToRoomAsync(integrationEvent.TenantId, room, integrationEvent.RealtimeName, message, cancellationToken);
        }
    }
}
