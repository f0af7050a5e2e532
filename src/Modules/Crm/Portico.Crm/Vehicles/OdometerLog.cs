namespace Portico.Crm.Vehicles;

/// <summary>
/// The odometer rule: readings only go up in time. A value below the reading before it (or above the one after it,
/// when a reading is entered late) is refused unless it is flagged as a correction. The vehicle keeps its latest reading.
/// </summary>
internal sealed class OdometerLog(CrmDbContext db, TimeProvider clock)
{
    private const double KilometresPerMile = 1.609344;

    public async Task<OdometerReading> AddAsync(Vehicle vehicle, OdometerInput input, CancellationToken cancellationToken)
    {
        var rules = new Rules();
        rules.Check(input.Value is not null, "value", "is required.");
        rules.Check(input.Value is null or (>= 0 and <= 10_000_000), "value", "must be between 0 and 10000000.");
        rules.OneOf(input.Unit, "unit", Vehicle.Units);
        rules.OneOf(input.Source, "source", OdometerReading.Sources);
        rules.Length(input.Note, "note", 0, 500);
        var now = clock.GetUtcNow();
        rules.Check(input.ReadAt is null || input.ReadAt <= now.AddMinutes(5), "readAt", "cannot be in the future.");
        rules.ThrowIfInvalid();

        var value = Convert(input.Value!.Value, input.Unit ?? vehicle.OdometerUnit, vehicle.OdometerUnit);
        var readAt = input.ReadAt?.ToUniversalTime() ?? now;
        var correction = input.IsCorrection == true;
        if (!correction)
        {
            var readings = db.OdometerReadings.AsNoTracking().Where(r => r.VehicleId == vehicle.Id);
            var before = await readings.Where(r => r.ReadAt <= readAt).OrderByDescending(r => r.ReadAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            var after = await readings.Where(r => r.ReadAt > readAt).OrderBy(r => r.ReadAt).ThenBy(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            if (before is not null && value < before.Value)
            {
                throw ValidationException.For("value",
                    $"is lower than the previous reading ({before.Value} {vehicle.OdometerUnit} on {before.ReadAt:yyyy-MM-dd}). Send isCorrection: true if the odometer was replaced or the earlier reading was wrong.");
            }

            if (after is not null && value > after.Value)
            {
                throw ValidationException.For("value",
                    $"is higher than a later reading ({after.Value} {vehicle.OdometerUnit} on {after.ReadAt:yyyy-MM-dd}). Send isCorrection: true if that reading was wrong.");
            }
        }

        var reading = new OdometerReading
        {
            TenantId = vehicle.TenantId, VehicleId = vehicle.Id, Value = value, ReadAt = readAt, Source = input.Source ?? OdometerReading.Manual,
            SourceId = input.SourceId, IsCorrection = correction, Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
        };
        db.OdometerReadings.Add(reading);
        if (vehicle.OdometerReadAt is null || readAt >= vehicle.OdometerReadAt)
        {
            vehicle.Odometer = value;
            vehicle.OdometerReadAt = readAt;
        }

        return reading;
    }

    private static long Convert(long value, string from, string to) =>
        from == to ? value
        : to == Vehicle.Kilometres ? (long)Math.Round(value * KilometresPerMile, MidpointRounding.AwayFromZero)
        : (long)Math.Round(value / KilometresPerMile, MidpointRounding.AwayFromZero);
}
