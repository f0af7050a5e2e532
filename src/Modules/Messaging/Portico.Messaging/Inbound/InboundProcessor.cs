using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portico.Kernel.Events;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Messaging.Inbound;

/// <summary>
/// Works through the stored updates in arrival order, each in its tenant's scope (<see cref="UpdateProcessor"/>). Woken
/// by the writer, else it looks every <see cref="MessagingOptions.ProcessorIdlePoll"/>; after a crash it simply finds
/// the updates still unprocessed. An update that keeps failing is tried <see cref="MaxAttempts"/> times, then set aside
/// with its error so the ones behind it go on.
/// </summary>
internal sealed class InboundProcessor(
    IServiceScopeFactory scopes, InboundSignal signal, IOptions<MessagingOptions> options, ILogger<InboundProcessor> logger) : BackgroundService
{
    public const string Actor = "system:telegram";
    private const int MaxAttempts = 5;
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await RunOnceAsync(stoppingToken);
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
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
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
        foreach (var (id, tenantId) in pending)
        {
            if (!slugs.TryGetValue(tenantId, out var slug))
            {
                await using var scope = scopes.CreateAsyncScope();
                slugs[tenantId] = slug = (await scope.ServiceProvider.GetRequiredService<ITenantProfiles>().FindAsync(tenantId, cancellationToken))?.Slug;
            }

            try
            {
                if (slug is null)
                {
                    await SetAsideAsync(id, "tenant gone", cancellationToken);
                    continue;
                }

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

        return pending.Count;
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
