using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portico.Kernel.Events;
using Portico.Kernel.Tenancy;
using Wolverine;
using Wolverine.EntityFrameworkCore;

namespace Portico.Data.Events;

/// <summary>
/// The transactional outbox of a use case: integration events and queued work collected while it runs
/// are stored in the same database transaction as its changes. Events go to the event log (ADR 0007),
/// which every subscriber reads from its own checkpoint; work goes to Wolverine's outbox and is handed
/// to the durable queues after the commit. If the process dies after the commit, both are still there
/// at the next start; if the transaction fails, nothing is sent.
/// </summary>
public sealed class Outbox(IServiceProvider services, RequestContext request, TimeProvider clock, EventLogSignal signal)
{
    private readonly List<Func<IMessageBus, ValueTask>> _pending = [];
    private readonly List<IntegrationEvent> _events = [];

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

    public void Publish(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        _events.Add(integrationEvent);
    }

    /// <summary>Queues work for a background handler.</summary>
    public void Send(object message) => _pending.Add(bus => bus.PublishAsync(message));

    /// <summary>Queues work to run at a given time (reminders, delayed notifications, webhook retries).</summary>
    public void Schedule(object message, DateTimeOffset at) => _pending.Add(bus => bus.ScheduleAsync(message, at));

    /// <summary>Saves the context's changes, the collected events and messages in one transaction, then releases the messages.</summary>
    public async Task SaveChangesAsync(DbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_pending.Count == 0 && _events.Count == 0)
        {
            await context.SaveChangesAsync(cancellationToken);
            return;
        }

        var events = _events.ToList();
        _events.Clear();
        if (_pending.Count > 0)
        {
            // Wolverine begins the context's transaction when it stores the first envelope and commits it in
            // SaveChangesAndFlushMessagesAsync; the events join that transaction. (Resolved only here: a use case
            // that raises events alone never builds the bus's message context.)
            var outbox = services.GetRequiredService<IDbContextOutbox>();
            outbox.Enroll(context);
            foreach (var enqueue in _pending)
            {
                await enqueue(outbox);
            }

            _pending.Clear();
            if (events.Count > 0)
            {
                if (context.Database.CurrentTransaction is null)
                {
                    await context.Database.BeginTransactionAsync(cancellationToken);
                }

                await EventLogSql.AppendAsync(context, events, clock.GetUtcNow(), cancellationToken);
            }

            await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        }
        else if (context.Database.CurrentTransaction is null && !context.ChangeTracker.HasChanges())
        {
            // Events alone (a custom event): one INSERT is its own transaction, no BEGIN and COMMIT round trips.
            await context.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await EventLogSql.AppendAsync(context, events, clock.GetUtcNow(), cancellationToken);
            }
            finally
            {
                await context.Database.CloseConnectionAsync();
            }
        }
        else
        {
            var own = context.Database.CurrentTransaction is null;
            await using var transaction = own ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
            await EventLogSql.AppendAsync(context, events, clock.GetUtcNow(), cancellationToken);
            await context.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        if (events.Count > 0)
        {
            signal.Pulse();
        }
    }
}
