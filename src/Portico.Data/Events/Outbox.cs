using Microsoft.EntityFrameworkCore;
using Portico.Kernel.Events;
using Portico.Kernel.Tenancy;
using Wolverine;
using Wolverine.EntityFrameworkCore;

namespace Portico.Data.Events;

/// <summary>
/// The transactional outbox of a use case: integration events and queued work collected while it runs
/// are stored in the same database transaction as its changes, and handed to the durable queues only
/// after the commit. If the process dies after the commit, the stored envelopes are recovered and
/// delivered at the next start; if the transaction fails, nothing is sent.
/// </summary>
public sealed class Outbox(IDbContextOutbox outbox, RequestContext request, TimeProvider clock)
{
    private readonly List<Func<IMessageBus, ValueTask>> _pending = [];

    /// <summary>Raises an integration event for the current tenant (a payload marked with <see cref="EventTypeAttribute"/>).</summary>
    public IntegrationEvent Publish(object payload)
    {
        var integrationEvent = IntegrationEvent.Create(request.RequiredTenantId, request.TenantSlug ?? "", payload, request.Actor, clock.GetUtcNow());
        Publish(integrationEvent);
        return integrationEvent;
    }

    /// <summary>Raises an integration event for a named tenant, where the use case is not reached through a tenant route (accepting an invitation).</summary>
    public IntegrationEvent Publish(TenantRef tenant, object payload)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var integrationEvent = IntegrationEvent.Create(tenant.Id, tenant.Slug, payload, request.Actor, clock.GetUtcNow());
        Publish(integrationEvent);
        return integrationEvent;
    }

    public void Publish(IntegrationEvent integrationEvent) => _pending.Add(bus => bus.PublishAsync(integrationEvent));

    /// <summary>Queues work for a background handler.</summary>
    public void Send(object message) => _pending.Add(bus => bus.PublishAsync(message));

    /// <summary>Queues work to run at a given time (reminders, delayed notifications, webhook retries).</summary>
    public void Schedule(object message, DateTimeOffset at) => _pending.Add(bus => bus.ScheduleAsync(message, at));

    /// <summary>Saves the context's changes and the collected messages in one transaction, then releases the messages.</summary>
    public async Task SaveChangesAsync(DbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_pending.Count == 0)
        {
            await context.SaveChangesAsync(cancellationToken);
            return;
        }

        outbox.Enroll(context);
        foreach (var enqueue in _pending)
        {
            await enqueue(outbox);
        }

        _pending.Clear();
        await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
    }
}
