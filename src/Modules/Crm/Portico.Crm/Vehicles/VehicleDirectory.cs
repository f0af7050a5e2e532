using Portico.Crm.Contracts;

namespace Portico.Crm.Vehicles;

/// <summary>The CRM side of <see cref="IVehicles"/>, for the work-order module: the same rules as the API, no permission of its own (the caller's use case checks its own).</summary>
internal sealed class VehicleDirectory(CrmDbContext db, OdometerLog log) : IVehicles
{
    public async Task<VehicleInfo?> FindAsync(Guid vehicleId, CancellationToken cancellationToken) =>
        await db.Vehicles.AsNoTracking().Where(v => v.Id == vehicleId)
            .Select(v => new VehicleInfo(v.Id, v.ContactId, v.Vin, v.Make, v.Model, v.Year, v.Plate, v.Odometer, v.OdometerUnit, v.ArchivedAt != null))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<VehicleInfo>> ListByContactAsync(Guid contactId, CancellationToken cancellationToken) =>
        await db.Vehicles.AsNoTracking().Where(v => v.ContactId == contactId)
            .OrderBy(v => v.ArchivedAt != null).ThenBy(v => v.CreatedAt).ThenBy(v => v.Id).Take(200)
            .Select(v => new VehicleInfo(v.Id, v.ContactId, v.Vin, v.Make, v.Model, v.Year, v.Plate, v.Odometer, v.OdometerUnit, v.ArchivedAt != null))
            .ToListAsync(cancellationToken);

    public async Task<OdometerReadingInfo> AddOdometerReadingAsync(OdometerReadingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var vehicle = await db.Vehicles.FirstOrDefaultAsync(v => v.Id == request.VehicleId, cancellationToken) ?? throw new NotFoundException("Vehicle", request.VehicleId);
        var reading = await log.AddAsync(
            vehicle, new OdometerInput(request.Value, request.Unit, request.ReadAt, request.Source, request.SourceId, request.IsCorrection, null), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new OdometerReadingInfo(reading.Id, vehicle.Id, reading.Value, vehicle.OdometerUnit, reading.ReadAt, reading.Source, reading.SourceId, reading.IsCorrection);
    }
}
