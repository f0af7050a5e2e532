namespace Portico.Tenancy.Tenants;

internal static class GetTenant
{
    internal sealed class Handler(TenancyDbContext db)
    {
        public async Task<TenantResponse> HandleAsync(string slug, CancellationToken cancellationToken)
        {
            var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug && t.DeletedAt == null, cancellationToken);
            return tenant is null ? throw new NotFoundException("Tenant", slug) : TenantResponse.From(tenant);
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/tenants/{tenant}", async Task<Ok<TenantResponse>> (string tenant, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var found = await handler.HandleAsync(tenant, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(found.Version);
            return TypedResults.Ok(found);
        })
        .RequireAuthorization(Policies.PlatformAdmin)
        .WithName("GetTenant")
        .WithSummary("Get a tenant by slug")
        .WithTags("Tenants");
}
