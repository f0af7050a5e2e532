namespace Portico.Tenancy.Tenants;

internal static class DeleteTenant
{
    internal sealed class Handler(TenancyDbContext db, TimeProvider clock)
    {
        /// <summary>Soft delete: the tenant vanishes from every API at once; the row and its stamp stay for restore and purge.</summary>
        public async Task HandleAsync(string slug, long? expectedVersion, CancellationToken cancellationToken)
        {
            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Slug == slug && t.DeletedAt == null, cancellationToken)
                ?? throw new NotFoundException("Tenant", slug);
            ApiConventions.CheckVersion(expectedVersion, tenant.Version);
            tenant.DeletedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapDelete("/tenants/{tenant}", async Task<NoContent> (string tenant, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            await handler.HandleAsync(tenant, http.Request.ExpectedVersion(), ct);
            return TypedResults.NoContent();
        })
        .RequireAuthorization(Policies.PlatformAdmin)
        .WithName("DeleteTenant")
        .WithSummary("Delete a tenant (soft delete with a grace period)")
        .WithTags("Tenants");
}
