using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Vehicles;

internal static class GetVehicle
{
    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        public async Task<VehicleView> HandleAsync(Guid id, CancellationToken cancellationToken) =>
            VehicleView.From(await db.FindVisibleAsync(access, id, cancellationToken));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/vehicles/{id:guid}", async Task<Ok<VehicleView>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var vehicle = await handler.HandleAsync(id, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(vehicle.Version);
            return TypedResults.Ok(vehicle);
        })
        .WithName("GetVehicle")
        .WithSummary("A vehicle with its latest odometer reading");
}
