using Portico.Kernel.Tenancy;

namespace Portico.Tenancy.Tenants;

/// <summary>What anyone may see of a tenant: its name and branding, for its public pages.</summary>
internal static class PublicTenant
{
    internal sealed record Branding(string Slug, string Name, string Vertical, string Locale, string? BrandColor, string? LogoUrl);

    internal sealed class Handler(TenancyDbContext db)
    {
        public async Task<Branding> HandleAsync(string? slug, CancellationToken ct)
        {
            var tenant = slug is null ? null : await db.Tenants.AsNoTracking()
                .FirstOrDefaultAsync(t => t.Slug == slug && t.DeletedAt == null && t.SuspendedAt == null, ct);
            return tenant is null
                ? throw new NotFoundException("Tenant", slug ?? "for this host")
                : new Branding(tenant.Slug, tenant.Name, tenant.Vertical, tenant.Locale, tenant.BrandColor, tenant.LogoUrl);
        }
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/public/tenant", async Task<Ok<Branding>> (RequestContext context, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(context.TenantSlug, ct)))
            .AllowAnonymous().WithTags("Public")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The tenant of this host name ({slug}.{Portico:BaseDomain}): name and branding");
        api.MapGet("/public/tenants/{slug}", async Task<Ok<Branding>> (string slug, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(slug, ct)))
            .AllowAnonymous().WithTags("Public")
            .WithSummary("A tenant's public name and branding");
    }
}
