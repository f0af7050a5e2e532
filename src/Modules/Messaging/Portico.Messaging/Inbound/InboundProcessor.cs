using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portico.Kernel.Events;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Messaging.Inbound;

/// <summary>
/// Works through the stored updates in arrival order, in batches of one tenant's consecutive updates, each batch in
/// its tenant's scope and one transaction (<see cref="UpdateProcessor"/>). Woken
/// by the writer, else it looks every <see cref="MessagingOptions.ProcessorIdlePoll"/>; after a crash it simply finds
/// the updates still unprocessed. An update that keeps failing is tried <see cref="MaxAttempts"/> times, then set aside
/// with its error so the ones behind it go on. While the webhooks come in a burst it yields to them (one batch per
/// <see cref="MessagingOptions.ProcessorBurstDeferral"/>): an update costs the processor several times what storing
/// it costs, and acknowledging must not wait behind processing.
/// </summary>
internal sealed class InboundProcessor(
    IServiceScopeFactory scopes, InboundSignal signal, IOptions<MessagingOptions> options, ILogger<InboundProcessor> logger) : BackgroundService
{
    public const string Actor = "system:telegram";
    private const int MaxAttempts = 5;
    private const int BatchSize = 500;
    private const int MaxBatch = 100;

    private long _lastBatchStarted = long.MinValue / 2;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await RunOnceAsync(paced: true, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The tables may not exist yet, or the database is away: look again after the idle poll.
                logger.LogWarning(ex, "Processing inbound updates failed; retrying");
            }

            if (handled == 0)
            {
                await signal.WaitAsync(options.Value.ProcessorIdlePoll, stoppingToken);
            }
        }
    }

    /// <summary>Processes one batch of stored updates; returns how many it took on (tests and operators call it too).</summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => RunOnceAsync(paced: false, cancellationToken);

    private async Task<int> RunOnceAsync(bool paced, CancellationToken cancellationToken)
    {
        List<(Guid Id, Guid TenantId)> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
            context.SetActor(Actor);
            context.EnterPlatformScope();
            pending = (await scope.ServiceProvider.GetRequiredService<MessagingDbContext>().InboundUpdates.IgnoreQueryFilters().AsNoTracking()
                    .Where(u => u.ProcessedAt == null)
                    .OrderBy(u => u.Id)
                    .Select(u => new { u.Id, u.TenantId })
                    .Take(BatchSize)
                    .ToListAsync(cancellationToken))
                .Select(u => (u.Id, u.TenantId))
                .ToList();
        }

        var slugs = new Dictionary<Guid, string?>();
        // Consecutive updates of one tenant go together, in arrival order, up to MaxBatch per transaction.
        foreach (var batch in Batches(pending))
        {
            var tenantId = batch[0].TenantId;
            if (!slugs.TryGetValue(tenantId, out var slug))
            {
                await using var scope = scopes.CreateAsyncScope();
                slugs[tenantId] = slug = (await scope.ServiceProvider.GetRequiredService<ITenantProfiles>().FindAsync(tenantId, cancellationToken))?.Slug;
            }

            if (paced)
            {
                await YieldToAcknowledgingAsync(cancellationToken);
            }

            if (slug is null)
            {
                foreach (var (id, _) in batch)
                {
                    await SetAsideAsync(id, "tenant gone", cancellationToken);
                }

                continue;
            }

            try
            {
                await scopes.RunAsync(tenantId, slug, Actor, services => services.GetRequiredService<UpdateProcessor>().ProcessAsync([.. batch.Select(u => u.Id)], cancellationToken));
            }
            catch (Exception ex) when (ex is ConcurrencyException or DbUpdateConcurrencyException)
            {
                // Another processor (instance) did these updates meanwhile.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad update fails its batch: the batch's updates go one by one, so only that one is set aside.
                logger.LogWarning(ex, "A batch of {Count} inbound update(s) failed; processing them one by one", batch.Count);
                foreach (var (id, _) in batch)
                {
                    await ProcessAloneAsync(id, tenantId, slug, cancellationToken);
                }
            }
        }

        return pending.Count;
    }

    /// <summary>During a burst of webhooks, waits until the burst ends or <see cref="MessagingOptions.ProcessorBurstDeferral"/> has passed since the last batch.</summary>
    private async Task YieldToAcknowledgingAsync(CancellationToken cancellationToken)
    {
        var deferral = (long)options.Value.ProcessorBurstDeferral.TotalMilliseconds;
        while (signal.InBurst && Environment.TickCount64 - _lastBatchStarted < deferral)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50, deferral)), cancellationToken);
        }

        _lastBatchStarted = Environment.TickCount64;
    }

    private async Task ProcessAloneAsync(Guid id, Guid tenantId, string slug, CancellationToken cancellationToken)
    {
        try
        {
            await scopes.RunAsync(tenantId, slug, Actor, services => services.GetRequiredService<UpdateProcessor>().ProcessAsync(id, cancellationToken));
        }
        catch (Exception ex) when (ex is ConcurrencyException or DbUpdateConcurrencyException)
        {
            // Another processor (instance) did this update meanwhile.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Inbound update {Id} failed", id);
            await SetAsideAsync(id, ex.GetType().Name, cancellationToken, countAttempt: true);
        }
    }

    private static IEnumerable<List<(Guid Id, Guid TenantId)>> Batches(List<(Guid Id, Guid TenantId)> pending)
    {
        var batch = new List<(Guid Id, Guid TenantId)>();
        foreach (var update in pending)
        {
            if (batch.Count == MaxBatch || (batch.Count > 0 && batch[0].TenantId != update.TenantId))
            {
                yield return batch;
                batch = [];
            }

            batch.Add(update);
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private async Task SetAsideAsync(Guid id, string reason, CancellationToken cancellationToken, bool countAttempt = false)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetActor(Actor);
        context.EnterPlatformScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
        var update = await db.InboundUpdates.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (update is null || update.ProcessedAt is not null)
        {
            return;
        }

        update.Attempts += countAttempt ? 1 : 0;
        update.Note = $"failed: {reason}";
        if (!countAttempt || update.Attempts >= MaxAttempts)
        {
            update.ProcessedAt = DateTimeOffset.UtcNow;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
