namespace Portico.Kernel.Events;

/// <summary>
/// A reader of the event log (ADR 0007): it receives the integration events it declared, in log order, in
/// batches, from its own checkpoint. Nothing is stored per subscriber but that checkpoint, so an event no
/// subscriber wants costs one log row. Delivery is at least once (a crash after the effect but before the
/// checkpoint moves hands the batch over again), so a subscriber deduplicates by event id. Found in the
/// modules' assemblies at start-up; one instance of a deployment runs each subscriber at a time.
/// </summary>
public interface IEventSubscriber
{
    /// <summary>Names the checkpoint (<c>realtime.stream</c>, <c>webhooks</c>): never rename it, or the log is read again from the start.</summary>
    string Name { get; }

    /// <summary>
    /// The event types it handles; <c>null</c> for every type. Events of other types are skipped when the log
    /// is read, never handed over.
    /// </summary>
    IReadOnlyCollection<string>? EventTypes { get; }

    /// <summary>
    /// Handles a batch (in log order, possibly of several tenants). Throwing hands the same batch over again
    /// later; an event that still fails on its own after the retries is set aside (logged and recorded), so
    /// one bad event never stops the subscriber.
    /// </summary>
    Task HandleAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken);
}
