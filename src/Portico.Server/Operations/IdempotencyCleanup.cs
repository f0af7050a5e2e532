using Microsoft.EntityFrameworkCore;
using Portico.Data;
using Portico.Kernel.Modules;

namespace Portico.Server.Operations;

/// <summary>Deletes stored idempotent responses past their 24 hours, once an hour.</summary>
internal sealed class IdempotencyCleanup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencyCleanup> logger)
    : PlatformJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override string Actor => "system:idempotency-cleanup";

    protected override Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        return services.GetRequiredService<PlatformDbContext>().IdempotencyRecords.Where(r => r.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }
}
