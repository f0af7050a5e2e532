namespace Portico.Kernel.Events;

/// <summary>
/// Pushes a server event to connected real-time clients (the <c>/hubs/events</c> hub). Implemented by the
/// realtime module; with a Redis backplane the push reaches clients on every instance.
/// </summary>
public interface IRealtimePublisher
{
    /// <summary>
    /// To everyone in one of the tenant's rooms: <c>tenant:{slug}</c>, <c>bot:{id}</c>, <c>conversation:{id}</c>,
    /// <c>order:{id}</c>. Rooms are kept apart per tenant, so another tenant's client never hears it.
    /// </summary>
    Task PublishToRoomAsync(Guid tenantId, string room, string eventName, object payload, CancellationToken cancellationToken);

    /// <summary>To every connection of one user (in-app notifications).</summary>
    Task PublishToUserAsync(Guid userId, string eventName, object payload, CancellationToken cancellationToken);
}
