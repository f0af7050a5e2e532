using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Tenancy.Tenants;

internal static class DeleteTenant
{
    /// <summary>Days a deleted tenant is kept (restorable by support) before its data is purged.</summary>
    public const int GraceDays = 30;

    [RequiresPermission(TenancyPermissions.TenantDelete)]
    internal sealed class Handler(TenancyDbContext db, TimeProvider clock)
    {
        /// <summary>Soft delete: the tenant vanishes from every API at once; the row stays for the grace period.</summary>
        public async Task HandleAsync(Guid tenantId, long? expectedVersion, CancellationToken cancellationToken)
        {
            var tenant = await db.Tenants.FirstAsync(t => t.Id == tenantId, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, tenant.Version);
            tenant.DeletedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete("/{tenant}", async Task<NoContent> (RequestContext context, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            await handler.HandleAsync(context.RequiredTenantId, http.Request.ExpectedVersion(), ct);
            return TypedResults.NoContent();
        })
        .WithName("DeleteTenant")
        .WithSummary($"Delete a tenant (Owner; soft delete, purged after 30 days)")
        .WithTags("Tenants");
}
