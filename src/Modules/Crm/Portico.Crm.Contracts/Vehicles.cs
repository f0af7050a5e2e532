using Portico.Kernel.Events;

namespace Portico.Crm.Contracts;

/// <summary>
/// A client's vehicles as other modules need them (work orders are written for a contact's car): look a vehicle up
/// and record the odometer a work order read. Runs for the current tenant; another tenant's ids are simply not found.
/// </summary>
public interface IVehicles
{
    /// <summary>The vehicle, archived or not; null when it does not exist in the current tenant.</summary>
    Task<VehicleInfo?> FindAsync(Guid vehicleId, CancellationToken cancellationToken);

    /// <summary>A contact's vehicles, archived ones last (at most 200).</summary>
    Task<IReadOnlyList<VehicleInfo>> ListByContactAsync(Guid contactId, CancellationToken cancellationToken);

    /// <summary>
    /// Records an odometer reading (saved in its own unit of work). An unknown vehicle is a 404 (<c>NotFoundException</c>);
    /// a value below the previous reading that is not a correction is a 422 (<c>ValidationException</c> on <c>value</c>).
    /// </summary>
    Task<OdometerReadingInfo> AddOdometerReadingAsync(OdometerReadingRequest request, CancellationToken cancellationToken);
}

/// <param name="Id">The vehicle's id.</param>
/// <param name="ContactId">The contact (client) it belongs to.</param>
/// <param name="Vin">Its VIN, upper-cased, when known.</param>
/// <param name="Make">Its make («Toyota», «Лада»).</param>
/// <param name="Model">Its model.</param>
/// <param name="Year">Its model year, when known.</param>
/// <param name="Plate">Its registration plate, upper-cased as typed.</param>
/// <param name="Odometer">The latest odometer reading, in <paramref name="OdometerUnit"/>.</param>
/// <param name="OdometerUnit"><c>km</c> or <c>mi</c>.</param>
/// <param name="Archived">True when the vehicle was archived (sold, scrapped).</param>
public sealed record VehicleInfo(
    Guid Id, Guid ContactId, string? Vin, string Make, string Model, int? Year, string? Plate, long? Odometer, string OdometerUnit, bool Archived);

/// <param name="VehicleId">The vehicle read.</param>
/// <param name="Value">The odometer value.</param>
/// <param name="Unit"><c>km</c> or <c>mi</c>; the vehicle's unit when null (a value in the other unit is converted).</param>
/// <param name="ReadAt">When it was read; now when null.</param>
/// <param name="Source">Where it came from: <c>manual</c>, <c>work_order</c>, <c>import</c>.</param>
/// <param name="SourceId">The record it came from (a work order's id), if any.</param>
/// <param name="IsCorrection">True to accept a value below the previous one (a mistyped reading, a replaced odometer).</param>
public sealed record OdometerReadingRequest(Guid VehicleId, long Value, string? Unit, DateTimeOffset? ReadAt, string Source, Guid? SourceId, bool IsCorrection);

/// <param name="Id">The reading's id.</param>
/// <param name="VehicleId">The vehicle read.</param>
/// <param name="Value">The value in <paramref name="Unit"/> (the vehicle's).</param>
/// <param name="Unit"><c>km</c> or <c>mi</c>.</param>
/// <param name="ReadAt">When it was read.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="SourceId">The record it came from, if any.</param>
/// <param name="IsCorrection">Whether it was accepted as a correction.</param>
public sealed record OdometerReadingInfo(Guid Id, Guid VehicleId, long Value, string Unit, DateTimeOffset ReadAt, string Source, Guid? SourceId, bool IsCorrection);

/// <summary>A vehicle was added to a contact.</summary>
[EventType("vehicle.created", RealtimeName = "vehicle-created", Description = "A vehicle was added to a contact.")]
public sealed record VehicleCreated(Guid VehicleId, Guid ContactId, string? Vin, string Make, string Model, int? Year, string? Plate);
