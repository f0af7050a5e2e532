using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portico.Kernel.Tenancy;

namespace Portico.Tenancy.Tenants;

/// <summary>
/// Purges tenants deleted more than <see cref="DeleteTenant.GraceDays"/> days ago: the tenant row,
/// its memberships and open invitations. Runs hourly in platform scope. The tenant's audit rows stay
/// as the record of what happened (they hold no more than the changes themselves).
/// </summary>
internal sealed class TenantPurge(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TenantPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Tenant purge failed; retrying next hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetActor("system:tenant-purge");
        context.EnterPlatformScope();
        var db = scope.ServiceProvider.GetRequiredService<TenancyDbContext>();
        var cutoff = clock.GetUtcNow().AddDays(-DeleteTenant.GraceDays);
        var expired = await db.Tenants.Where(t => t.DeletedAt != null && t.DeletedAt < cutoff).ToListAsync(ct);
        foreach (var tenant in expired)
        {
            db.Memberships.RemoveRange(await db.Memberships.Where(m => m.TenantId == tenant.Id).ToListAsync(ct));
            db.Invitations.RemoveRange(await db.Invitations.Where(i => i.TenantId == tenant.Id).ToListAsync(ct));
            db.Tenants.Remove(tenant);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Purged tenant {Slug} ({TenantId}), deleted at {DeletedAt}", tenant.Slug, tenant.Id, tenant.DeletedAt);
        }

        return expired.Count;
    }
}
