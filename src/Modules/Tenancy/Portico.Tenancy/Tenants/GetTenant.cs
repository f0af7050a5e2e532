using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Tenancy.Tenants;

internal static class GetTenant
{
    [RequiresPermission(TenancyPermissions.TenantRead)]
    internal sealed class Handler(TenancyDbContext db)
    {
        public async Task<TenantResponse> HandleAsync(Guid tenantId, CancellationToken cancellationToken) =>
            TenantResponse.From(await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == tenantId, cancellationToken));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}", async Task<Ok<TenantResponse>> (RequestContext context, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var found = await handler.HandleAsync(context.RequiredTenantId, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(found.Version);
            return TypedResults.Ok(found);
        })
        .WithName("GetTenant")
        .WithSummary("Get a tenant by slug")
        .WithTags("Tenants");
}
