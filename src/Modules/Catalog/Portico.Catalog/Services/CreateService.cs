using Portico.Kernel.Tenancy;

namespace Portico.Catalog.Services;

internal static class CreateService
{
    [RequiresPermission(CatalogPermissions.Manage)]
    internal sealed class Handler(ServiceWriter writer)
    {
        public async Task<ServiceView> HandleAsync(ServiceInput input, CancellationToken cancellationToken)
        {
            var service = await writer.CreateAsync(input, cancellationToken);
            await writer.SaveAsync(cancellationToken);
            return await writer.ViewAsync(service, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/catalog/services", async Task<Created<ServiceView>> (ServiceInput input, Handler handler, RequestContext context, HttpContext http, CancellationToken ct) =>
        {
            var service = await handler.HandleAsync(input, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(service.Version);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/catalog/services/{service.Id}", service);
        })
        .WithName("CreateService")
        .WithRequestExample(new
        {
            name = new { en = "Women's haircut", ru = "Женская стрижка" },
            price = new { kind = "fixed", amount = "2500.00" },
            durationMinutes = 60,
            bufferAfterMinutes = 10,
            resourceKind = "chair",
            tags = (string[])["hair"],
        })
        .WithSummary("Add a service: names (en, ru), price (fixed, from or range) in the tenant's currency, duration, buffers, deposit, staff, resource kind, portfolio");
}

internal static class GetService
{
    [RequiresPermission(CatalogPermissions.Read)]
    internal sealed class Handler(CatalogDbContext db, ServiceWriter writer)
    {
        public async Task<ServiceView> HandleAsync(Guid id, CancellationToken cancellationToken) =>
            await writer.ViewAsync(await db.FindServiceAsync(id, cancellationToken), cancellationToken);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/catalog/services/{id:guid}", async Task<Ok<ServiceView>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var service = await handler.HandleAsync(id, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(service.Version);
            return TypedResults.Ok(service);
        })
        .WithName("GetService")
        .WithSummary("A service with its staff and portfolio");
}
