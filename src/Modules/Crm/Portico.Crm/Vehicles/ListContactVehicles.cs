using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Vehicles;

internal static class ListContactVehicles
{
    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        /// <summary>A contact has a handful of vehicles: one list, archived ones last.</summary>
        public async Task<IReadOnlyList<VehicleView>> HandleAsync(Guid contactId, CancellationToken cancellationToken)
        {
            var contact = await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => new { c.OwnerId }).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Contact", contactId);
            await access.EnsureVisibleAsync(contact.OwnerId, "Contact", contactId, cancellationToken);
            var vehicles = await db.Vehicles.AsNoTracking().Where(v => v.ContactId == contactId)
                .OrderBy(v => v.ArchivedAt != null).ThenBy(v => v.CreatedAt).ThenBy(v => v.Id).Take(200).ToListAsync(cancellationToken);
            return vehicles.Select(VehicleView.From).ToList();
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/contacts/{id:guid}/vehicles", async Task<Ok<IReadOnlyList<VehicleView>>> (Guid id, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, ct)))
        .WithName("ListContactVehicles")
        .WithSummary("A contact's vehicles, archived ones last");
}
