using Microsoft.EntityFrameworkCore;
using Portico.Data;
using Portico.Kernel.Tenancy;

namespace Portico.Server.Operations;

/// <summary>Deletes stored idempotent responses past their 24 hours, once an hour.</summary>
internal sealed class IdempotencyCleanup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<RequestContext>().SetActor("system:idempotency-cleanup");
                var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
                var now = clock.GetUtcNow();
                var deleted = await db.IdempotencyRecords.Where(r => r.ExpiresAt < now).ExecuteDeleteAsync(stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Removed {Count} expired idempotency records", deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The tables may not exist yet (migrate not run); try again next hour.
                logger.LogWarning(ex, "Idempotency cleanup failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
