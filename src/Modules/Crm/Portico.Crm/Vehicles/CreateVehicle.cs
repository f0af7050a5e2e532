using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Data.Events;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Vehicles;

internal static class CreateVehicle
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, VehicleWriter writer, Outbox outbox)
    {
        public async Task<VehicleView> HandleAsync(VehicleInput input, CancellationToken cancellationToken)
        {
            var vehicle = new Vehicle { TenantId = access.TenantId, Make = "", Model = "" };
            await writer.ApplyAsync(vehicle, input, creating: true, cancellationToken);
            db.Vehicles.Add(vehicle);
            outbox.Publish(new VehicleCreated(vehicle.Id, vehicle.ContactId, vehicle.Vin, vehicle.Make, vehicle.Model, vehicle.Year, vehicle.Plate));
            await writer.SaveAsync(vehicle, () => outbox.SaveChangesAsync(db, cancellationToken), cancellationToken);
            return VehicleView.From(vehicle);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/vehicles", async Task<Created<VehicleView>> (VehicleInput input, Handler handler, RequestContext context, HttpContext http, CancellationToken ct) =>
        {
            var vehicle = await handler.HandleAsync(input, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(vehicle.Version);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/crm/vehicles/{vehicle.Id}", vehicle);
        })
        .WithName("CreateVehicle")
        .WithRequestExample(new { contactId = Guid.Empty, vin = "XTA210990Y2766389", make = "Лада", model = "2109", year = 2000, plate = "А123ВС77", colour = "белый" })
        .WithSummary("Add a vehicle to a contact: a VIN (17 characters, no I/O/Q; the check digit must match on North American VINs) or a plate, make and model; 409 vin-exists when another vehicle has the VIN; raises vehicle.created");
}
