using Portico.Crm.Records;
using Portico.Data;

namespace Portico.Crm.Vehicles;

/// <summary>The rules every write of a vehicle follows: the contact, the VIN, the year, the plate; and one vehicle per VIN.</summary>
internal sealed class VehicleWriter(CrmDbContext db, CrmAccess access, TimeProvider clock)
{
    /// <summary>Checks and applies <paramref name="input"/>; a contact that does not exist in the tenant (or that a restricted caller cannot see) is a 404.</summary>
    public async Task ApplyAsync(Vehicle vehicle, VehicleInput input, bool creating, CancellationToken cancellationToken)
    {
        var rules = new Rules();
        if (creating)
        {
            rules.Check(input.ContactId is not null, "contactId", "is required.");
            rules.Required(input.Make, "make");
            rules.Required(input.Model, "model");
        }
        else
        {
            rules.Check(input.Make is null || input.Make.Trim().Length > 0, "make", "cannot be empty.");
            rules.Check(input.Model is null || input.Model.Trim().Length > 0, "model", "cannot be empty.");
        }

        rules.Length(input.Make?.Trim(), "make", 0, 100);
        rules.Length(input.Model?.Trim(), "model", 0, 100);
        rules.Length(input.Colour?.Trim(), "colour", 0, 50);
        rules.Length(input.Notes, "notes", 0, 4000);
        rules.OneOf(input.OdometerUnit, "odometerUnit", Vehicle.Units);
        var maxYear = clock.GetUtcNow().Year + 1;
        rules.Check(input.Year is null || (input.Year >= 1900 && input.Year <= maxYear), "year", $"must be between 1900 and {maxYear}.");

        string? vin = null;
        if (input.Vin is { } rawVin && rawVin.Trim().Length > 0)
        {
            vin = Vin.Normalize(rawVin);
            if (Vin.Problem(vin) is { } problem)
            {
                rules.Check(false, "vin", problem);
            }
        }

        string? plate = null;
        if (input.Plate is { } rawPlate && rawPlate.Trim().Length > 0)
        {
            plate = VehicleText.NormalizePlate(rawPlate);
            rules.Check(plate.Length <= 20, "plate", "must be at most 20 characters long.");
        }

        var finalVin = input.Vin is null ? vehicle.Vin : vin;
        var finalPlate = input.Plate is null ? vehicle.Plate : plate;
        rules.Check(finalVin is not null || finalPlate is not null, "vin", "is required when the vehicle has no plate (give a VIN or a plate).");
        rules.ThrowIfInvalid();

        if (input.ContactId is { } contactId && (creating || contactId != vehicle.ContactId))
        {
            if (!await access.CanLinkContactAsync(contactId, cancellationToken))
            {
                throw new NotFoundException("Contact", contactId);
            }

            vehicle.ContactId = contactId;
        }

        vehicle.Vin = finalVin;
        vehicle.Plate = finalPlate;
        vehicle.Make = input.Make?.Trim() ?? vehicle.Make;
        vehicle.Model = input.Model?.Trim() ?? vehicle.Model;
        vehicle.Year = input.Year ?? vehicle.Year;
        vehicle.Colour = input.Colour is null ? vehicle.Colour : Blank(input.Colour);
        vehicle.Notes = input.Notes is null ? vehicle.Notes : Blank(input.Notes);
        if (input.OdometerUnit is { } unit)
        {
            vehicle.OdometerUnit = unit;
        }
        else if (creating)
        {
            vehicle.OdometerUnit = await DefaultUnitAsync(cancellationToken);
        }

        vehicle.RefreshSearchKey();
    }

    /// <summary>Saves, answering a VIN another vehicle of the tenant has with <c>409 vin-exists</c> naming it.</summary>
    public async Task SaveAsync(Vehicle vehicle, Func<Task> save, CancellationToken cancellationToken)
    {
        UniqueRules.ThrowIf(await VinConflictAsync(vehicle, cancellationToken));
        await UniqueRules.SaveAsync(db, save, () => VinConflictAsync(vehicle, CancellationToken.None));
    }

    private async Task<PorticoProblemException?> VinConflictAsync(Vehicle vehicle, CancellationToken cancellationToken)
    {
        if (vehicle.Vin is not { } vin)
        {
            return null;
        }

        var holder = await db.Vehicles.AsNoTracking().Where(v => v.Vin == vin && v.Id != vehicle.Id).Select(v => (Guid?)v.Id).FirstOrDefaultAsync(cancellationToken);
        return holder is { } id
            ? new ConflictException($"Another vehicle of this workshop already has the VIN {vin}.", "vin-exists") { ExistingId = id }
            : null;
    }

    // Miles where the road signs are in miles; kilometres everywhere else.
    private async Task<string> DefaultUnitAsync(CancellationToken cancellationToken) =>
        (await access.ProfileAsync(cancellationToken)).Country?.ToUpperInvariant() is "US" or "GB" or "LR" or "MM" ? Vehicle.Miles : Vehicle.Kilometres;

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
