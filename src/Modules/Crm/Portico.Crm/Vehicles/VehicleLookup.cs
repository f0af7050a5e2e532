using Portico.Crm.Records;

namespace Portico.Crm.Vehicles;

/// <summary>Finding vehicles the caller may see: a vehicle is seen by whoever sees its contact (restricted visibility follows the contact's owner).</summary>
internal static class VehicleLookup
{
    public static async Task<Vehicle> FindVisibleAsync(this CrmDbContext db, CrmAccess access, Guid id, CancellationToken cancellationToken)
    {
        var vehicle = await db.Vehicles.FirstOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw new NotFoundException("Vehicle", id);
        if (await access.RestrictedToAsync(cancellationToken) is { } me
            && !await db.Contacts.AnyAsync(c => c.Id == vehicle.ContactId && c.OwnerId == me, cancellationToken))
        {
            throw new NotFoundException("Vehicle", id);
        }

        return vehicle;
    }

    /// <summary>Only the vehicles of contacts the caller may see.</summary>
    public static async Task<IQueryable<Vehicle>> VisibleAsync(this CrmDbContext db, CrmAccess access, CancellationToken cancellationToken)
    {
        var vehicles = db.Vehicles.AsNoTracking();
        if (await access.RestrictedToAsync(cancellationToken) is { } me)
        {
            vehicles = vehicles.Where(v => db.Contacts.Any(c => c.Id == v.ContactId && c.OwnerId == me));
        }

        return vehicles;
    }
}
