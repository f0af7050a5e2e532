using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Vehicles;

internal static class AddOdometerReading
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, OdometerLog log)
    {
        public async Task<OdometerReadingView> HandleAsync(Guid vehicleId, OdometerInput input, CancellationToken cancellationToken)
        {
            var vehicle = await db.FindVisibleAsync(access, vehicleId, cancellationToken);
            var reading = await log.AddAsync(vehicle, input, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return OdometerReadingView.From(reading, vehicle.OdometerUnit);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/vehicles/{id:guid}/odometer", async Task<Created<OdometerReadingView>> (Guid id, OdometerInput input, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var reading = await handler.HandleAsync(id, input, ct);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/crm/vehicles/{id}/odometer", reading);
        })
        .WithName("AddOdometerReading")
        .WithRequestExample(new { value = 123456, unit = "km", source = "manual" })
        .WithSummary("Record an odometer reading (value; unit defaults to the vehicle's, another is converted; readAt defaults to now; source manual, work_order or import); a value below the previous reading is a 422 unless isCorrection is true");
}
