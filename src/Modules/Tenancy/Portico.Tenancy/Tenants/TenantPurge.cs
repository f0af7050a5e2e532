using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Kernel.Modules;

namespace Portico.Tenancy.Tenants;

/// <summary>
/// Purges tenants deleted more than <see cref="DeleteTenant.GraceDays"/> days ago: the tenant row,
/// its memberships and invitations. Hourly, in platform scope. The tenant's audit rows stay as the
/// record of what happened (they hold no more than the changes themselves).
/// </summary>
internal sealed class TenantPurge(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TenantPurge> logger)
    : PlatformJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override string Actor => "system:tenant-purge";

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<TenancyDbContext>();
        var cutoff = Clock.GetUtcNow().AddDays(-DeleteTenant.GraceDays);
        var expired = await db.Tenants.Where(t => t.DeletedAt != null && t.DeletedAt < cutoff).ToListAsync(ct);
        foreach (var tenant in expired)
        {
            db.Memberships.RemoveRange(await db.Memberships.Where(m => m.TenantId == tenant.Id).ToListAsync(ct));
            db.Invitations.RemoveRange(await db.Invitations.Where(i => i.TenantId == tenant.Id).ToListAsync(ct));
            db.Tenants.Remove(tenant);
            await db.SaveChangesAsync(ct);
        }

        return expired.Count;
    }
}
