using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Vehicles;

internal static class UpdateVehicle
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, VehicleWriter writer)
    {
        public async Task<VehicleView> HandleAsync(Guid id, VehicleInput input, long? expectedVersion, CancellationToken cancellationToken)
        {
            var vehicle = await db.FindVisibleAsync(access, id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, vehicle.Version);
            var unit = vehicle.OdometerUnit;
            await writer.ApplyAsync(vehicle, input, creating: false, cancellationToken);
            if (vehicle.OdometerUnit != unit && await db.OdometerReadings.AnyAsync(r => r.VehicleId == id, cancellationToken))
            {
                throw ValidationException.For("odometerUnit", "cannot change once the vehicle has odometer readings.");
            }

            await writer.SaveAsync(vehicle, () => db.SaveChangesAsync(cancellationToken), cancellationToken);
            return VehicleView.From(vehicle);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/crm/vehicles/{id:guid}", async Task<Ok<VehicleView>> (Guid id, VehicleInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var vehicle = await handler.HandleAsync(id, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(vehicle.Version);
            return TypedResults.Ok(vehicle);
        })
        .WithName("UpdateVehicle")
        .WithSummary("Change a vehicle (merge patch; an empty string clears vin, plate, colour or notes; contactId moves it to another contact; send If-Match to avoid lost updates)");
}
