namespace Portico.Crm.Vehicles;

/// <summary>A vehicle as the API shows it; <see cref="VinCheck"/> says whether position 9 of the VIN holds its check digit.</summary>
internal sealed record VehicleView(
    Guid Id, Guid ContactId, string? Vin, string? VinCheck, string Make, string Model, int? Year, string? Plate, string? Colour, string? Notes,
    string OdometerUnit, long? Odometer, DateTimeOffset? OdometerReadAt, bool Archived, DateTimeOffset? ArchivedAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static VehicleView From(Vehicle v) => new(
        v.Id, v.ContactId, v.Vin, v.Vin is null ? null : Vehicles.Vin.CheckOf(v.Vin), v.Make, v.Model, v.Year, v.Plate, v.Colour, v.Notes,
        v.OdometerUnit, v.Odometer, v.OdometerReadAt, v.ArchivedAt is not null, v.ArchivedAt, v.CreatedAt, v.UpdatedAt, v.Version);
}

/// <summary>
/// The writable fields of a vehicle. On update it is a merge patch: a field left out stays; an empty string clears
/// an optional text (VIN, plate, colour, notes).
/// </summary>
internal sealed record VehicleInput(
    Guid? ContactId, string? Vin, string? Make, string? Model, int? Year, string? Plate, string? Colour, string? Notes, string? OdometerUnit);

/// <summary>An odometer reading as the API shows it.</summary>
internal sealed record OdometerReadingView(
    Guid Id, Guid VehicleId, long Value, string Unit, DateTimeOffset ReadAt, string Source, Guid? SourceId, bool IsCorrection, string? Note, DateTimeOffset CreatedAt)
{
    public static OdometerReadingView From(OdometerReading r, string unit) =>
        new(r.Id, r.VehicleId, r.Value, unit, r.ReadAt, r.Source, r.SourceId, r.IsCorrection, r.Note, r.CreatedAt);
}

/// <summary>A new reading: <c>unit</c> defaults to the vehicle's (another unit is converted), <c>readAt</c> to now, <c>source</c> to <c>manual</c>.</summary>
internal sealed record OdometerInput(long? Value, string? Unit, DateTimeOffset? ReadAt, string? Source, Guid? SourceId, bool? IsCorrection, string? Note);
