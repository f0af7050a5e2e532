using Portico.Catalog.Contracts;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.WorkOrders.RepairServices;

internal static class CreateRepairService
{
    [RequiresPermission(WorkOrdersPermissions.Templates)]
    internal sealed class Handler(RepairServiceWriter writer)
    {
        public Task<RepairServiceView> HandleAsync(CreateRepairServiceInput input, CancellationToken cancellationToken) => writer.CreateAsync(input, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/workshop/services", async Task<Created<RepairServiceView>> (CreateRepairServiceInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var service = await handler.HandleAsync(input, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(service.Version);
            return TypedResults.Created($"{http.Request.Path}/{service.ServiceId}", service);
        })
        .WithName("CreateRepairService")
        .WithRequestExample(new { serviceId = "0193a1f2-7c3e-7d4a-9b1c-2f3e4d5a6b7c", labour = new { kind = "hourly", hourlyRate = "2500.00", standardHours = 1.5 }, vatRate = 20 })
        .WithSummary("Make a Catalog service a repair service: labour (a fixed price, or an hourly rate × standard hours) and the VAT rate; 422 for a service not in the catalog, 409 repair-service-exists");
}

internal static class GetRepairService
{
    [RequiresPermission(WorkOrdersPermissions.Read)]
    internal sealed class Handler(WorkOrdersDbContext db, RepairServiceWriter writer)
    {
        public async Task<RepairServiceView> HandleAsync(Guid serviceId, CancellationToken cancellationToken) =>
            await writer.ViewAsync(await db.FindRepairServiceAsync(serviceId, cancellationToken), cancellationToken);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/services/{serviceId:guid}", async Task<Ok<RepairServiceView>> (Guid serviceId, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var service = await handler.HandleAsync(serviceId, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(service.Version);
            return TypedResults.Ok(service);
        })
        .WithName("GetRepairService")
        .WithSummary("A repair service by its Catalog service id: names from the catalog, labour, VAT and the current stage template version");
}

internal static class UpdateRepairService
{
    [RequiresPermission(WorkOrdersPermissions.Templates)]
    internal sealed class Handler(RepairServiceWriter writer)
    {
        public Task<RepairServiceView> HandleAsync(Guid serviceId, UpdateRepairServiceInput input, long? expectedVersion, CancellationToken cancellationToken) =>
            writer.UpdateAsync(serviceId, input, expectedVersion, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/workshop/services/{serviceId:guid}", async Task<Ok<RepairServiceView>> (Guid serviceId, UpdateRepairServiceInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var service = await handler.HandleAsync(serviceId, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(service.Version);
            return TypedResults.Ok(service);
        })
        .WithName("UpdateRepairService")
        .WithRequestExample(new { labour = new { kind = "fixed", price = "3000.00" }, vatRate = 10 })
        .WithSummary("Change a repair service's labour or VAT rate (merge patch; send If-Match to avoid lost updates)");
}

internal static class ListRepairServices
{
    internal sealed record Query(int? Limit, string? Cursor, string? Sort);

    public static readonly SortFields<RepairService> Sorts = new SortFields<RepairService>("createdAt")
        .Add("createdAt", s => s.CreatedAt)
        .Add("updatedAt", s => s.UpdatedAt);

    [RequiresPermission(WorkOrdersPermissions.Read)]
    internal sealed class Handler(WorkOrdersDbContext db, ICatalogServices catalog)
    {
        public async Task<Page<RepairServiceView>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            var found = await db.RepairServices.AsNoTracking().ToPageAsync(PageRequest.From(query.Limit, query.Cursor, query.Sort), Sorts, cancellationToken);
            var names = (await catalog.FindAsync([.. found.Items.Select(s => s.ServiceId)], cancellationToken)).ToDictionary(s => s.Id);
            return found.Map(s => RepairServiceView.From(s, names.GetValueOrDefault(s.ServiceId)));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/services", async Task<Ok<Page<RepairServiceView>>> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(query, ct)))
        .WithName("ListRepairServices")
        .WithSummary("Repair services in keyset pages with their catalog names; sort createdAt (default), updatedAt (- for descending)");
}
