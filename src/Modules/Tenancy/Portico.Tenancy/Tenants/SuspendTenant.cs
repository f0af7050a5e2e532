namespace Portico.Tenancy.Tenants;

/// <summary>Platform administrators suspend a tenant (every route answers 403) and reactivate it.</summary>
internal static class SuspendTenant
{
    internal sealed class Handler(TenancyDbContext db, TimeProvider clock)
    {
        public async Task<TenantResponse> HandleAsync(string slug, bool suspend, CancellationToken ct)
        {
            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Slug == slug && t.DeletedAt == null, ct) ?? throw new NotFoundException("Tenant", slug);
            tenant.SuspendedAt = suspend ? tenant.SuspendedAt ?? clock.GetUtcNow() : null;
            await db.SaveChangesAsync(ct);
            return TenantResponse.From(tenant);
        }
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin/tenants/{tenant}").RequireAuthorization(Policies.PlatformAdmin).WithTags("Admin");
        admin.MapPost("/suspend", async Task<Ok<TenantResponse>> (string tenant, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(tenant, suspend: true, ct))).WithSummary("Suspend a tenant");
        admin.MapPost("/reactivate", async Task<Ok<TenantResponse>> (string tenant, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(tenant, suspend: false, ct))).WithSummary("Reactivate a suspended tenant");
    }
}
