using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Vehicles;

internal static class ListOdometerReadings
{
    internal sealed record Query(int? Limit, string? Cursor);

    private static readonly SortFields<OdometerReading> Sorts = new SortFields<OdometerReading>("-readAt").Add("readAt", r => r.ReadAt);

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        /// <summary>A vehicle's readings, latest first.</summary>
        public async Task<Page<OdometerReadingView>> HandleAsync(Guid vehicleId, Query query, CancellationToken cancellationToken)
        {
            var page = PageRequest.From(query.Limit, query.Cursor, null);
            var vehicle = await db.FindVisibleAsync(access, vehicleId, cancellationToken);
            var readings = db.OdometerReadings.AsNoTracking().Where(r => r.VehicleId == vehicle.Id);
            return (await readings.ToPageAsync(page, Sorts, cancellationToken)).Map(r => OdometerReadingView.From(r, vehicle.OdometerUnit));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/vehicles/{id:guid}/odometer", async Task<Ok<Page<OdometerReadingView>>> (Guid id, [AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, query, ct)))
        .WithName("ListOdometerReadings")
        .WithSummary("A vehicle's odometer readings, latest first, in keyset pages");
}
