using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Vehicles;

internal static class ArchiveVehicle
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, TimeProvider clock)
    {
        public async Task<VehicleView> HandleAsync(Guid id, bool archive, CancellationToken cancellationToken)
        {
            var vehicle = await db.FindVisibleAsync(access, id, cancellationToken);
            vehicle.ArchivedAt = archive ? vehicle.ArchivedAt ?? clock.GetUtcNow() : null;
            await db.SaveChangesAsync(cancellationToken);
            return VehicleView.From(vehicle);
        }
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapPost("/{tenant}/crm/vehicles/{id:guid}/archive", async Task<Ok<VehicleView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, archive: true, ct)))
            .WithName("ArchiveVehicle")
            .WithSummary("Archive a vehicle (sold, scrapped): left out of lists unless ?archived=true; its VIN stays taken and its history readable");
        tenants.MapPost("/{tenant}/crm/vehicles/{id:guid}/restore", async Task<Ok<VehicleView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, archive: false, ct)))
            .WithName("RestoreVehicle")
            .WithSummary("Bring an archived vehicle back");
    }
}
