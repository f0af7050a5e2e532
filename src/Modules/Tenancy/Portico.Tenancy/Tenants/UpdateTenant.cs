namespace Portico.Tenancy.Tenants;

internal static class UpdateTenant
{
    /// <summary>A merge patch: absent fields stay as they are.</summary>
    internal sealed record Request(string? Name, string? TimeZone, string? Currency, string? Locale);

    internal sealed class Handler(TenancyDbContext db)
    {
        public async Task<TenantResponse> HandleAsync(string slug, Request request, long? expectedVersion, CancellationToken cancellationToken)
        {
            new Rules()
                .Length(request.Name?.Trim(), "name", 2, 200)
                .CheckSettings(request.TimeZone, request.Currency, request.Locale)
                .ThrowIfInvalid();

            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Slug == slug && t.DeletedAt == null, cancellationToken)
                ?? throw new NotFoundException("Tenant", slug);
            ApiConventions.CheckVersion(expectedVersion, tenant.Version);

            tenant.Name = request.Name?.Trim() ?? tenant.Name;
            tenant.TimeZone = request.TimeZone ?? tenant.TimeZone;
            tenant.Currency = request.Currency ?? tenant.Currency;
            tenant.Locale = request.Locale ?? tenant.Locale;
            await db.SaveChangesAsync(cancellationToken);
            return TenantResponse.From(tenant);
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapPatch("/tenants/{tenant}", async Task<Ok<TenantResponse>> (string tenant, Request request, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var updated = await handler.HandleAsync(tenant, request, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(updated.Version);
            return TypedResults.Ok(updated);
        })
        .RequireAuthorization(Policies.PlatformAdmin)
        .WithName("UpdateTenant")
        .WithSummary("Update a tenant's settings (send If-Match with the ETag to avoid lost updates)")
        .WithTags("Tenants");
}
