using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Data.Events;
using Portico.Kernel.Events;
using Portico.Kernel.Modules;

namespace Portico.Tenancy.Tenants;

/// <summary>
/// Purges tenants deleted more than <see cref="DeleteTenant.GraceDays"/> days ago: removes the tenant row, its
/// memberships and invitations, and raises <c>tenant.purged</c> in the same transaction, on which every module
/// erases the tenant's rows (and Files its stored content; see <see cref="TenantErasure"/>). Hourly, in platform
/// scope, at most <see cref="TenantsPerRun"/> tenants a run.
/// </summary>
internal sealed class TenantPurge(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TenantPurge> logger)
    : PlatformJob(scopes, clock, logger)
{
    public const int TenantsPerRun = 100;

    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override string Actor => "system:tenant-purge";

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<TenancyDbContext>();
        var cutoff = Clock.GetUtcNow().AddDays(-DeleteTenant.GraceDays);
        var expired = await db.Tenants.Where(t => t.DeletedAt != null && t.DeletedAt < cutoff).OrderBy(t => t.DeletedAt).Take(TenantsPerRun).ToListAsync(ct);
        foreach (var tenant in expired)
        {
            // A fresh outbox per tenant: each tenant's removal and its event commit together, one tenant at a time.
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<Kernel.Tenancy.RequestContext>();
            context.SetActor(Actor);
            context.EnterPlatformScope();
            var tenantDb = scope.ServiceProvider.GetRequiredService<TenancyDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            tenantDb.Memberships.RemoveRange(await tenantDb.Memberships.Where(m => m.TenantId == tenant.Id).ToListAsync(ct));
            tenantDb.Invitations.RemoveRange(await tenantDb.Invitations.Where(i => i.TenantId == tenant.Id).ToListAsync(ct));
            tenantDb.Tenants.Remove(await tenantDb.Tenants.FirstAsync(t => t.Id == tenant.Id, ct));
            outbox.Publish(new Kernel.Tenancy.TenantRef(tenant.Id, tenant.Slug), new TenantPurged(tenant.Id, tenant.Slug));
            await outbox.SaveChangesAsync(tenantDb, ct);
        }

        return expired.Count;
    }
}

/// <summary>Tenancy's own share of a purge: the tenant's memberships and invitations are gone already; its audit rows keep no personal data.</summary>
internal sealed class TenancyTenantErasure(IServiceScopeFactory scopes, ILogger<TenancyTenantErasure> logger)
    : TenantErasureSubscriber<TenancyDbContext>(scopes, logger)
{
    public override string Name => "tenancy.tenant-erasure";
}
