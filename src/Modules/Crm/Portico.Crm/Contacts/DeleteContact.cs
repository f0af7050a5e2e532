using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Contacts;

internal static class DeleteContact
{
    [RequiresPermission(CrmPermissions.Delete)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        /// <summary>Deletes the contact with its activities. A contact with deals or vehicles needs <c>cascade</c>, which deletes them too (a vehicle with its odometer readings); its leads are unlinked.</summary>
        public async Task HandleAsync(Guid id, bool cascade, CancellationToken cancellationToken)
        {
            var contact = await db.FindContactAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(contact.OwnerId, "Contact", id, cancellationToken);
            var deals = await db.Deals.Where(d => d.ContactId == id).ToListAsync(cancellationToken);
            if (deals.Count > 0 && !cascade)
            {
                throw new ConflictException($"The contact has {deals.Count} deal(s). Delete them first, or repeat with ?cascade=true to delete them with the contact.", "contact-has-deals");
            }

            var vehicles = await db.Vehicles.Where(v => v.ContactId == id).ToListAsync(cancellationToken);
            if (vehicles.Count > 0 && !cascade)
            {
                throw new ConflictException($"The contact has {vehicles.Count} vehicle(s). Move them to another contact first, or repeat with ?cascade=true to delete them with the contact.", "contact-has-vehicles");
            }

            db.Vehicles.RemoveRange(vehicles);
            var recordIds = deals.Select(d => d.Id).Append(id).ToList();
            db.Deals.RemoveRange(deals);
            db.Activities.RemoveRange(await db.Activities.Where(a => recordIds.Contains(a.RecordId)).ToListAsync(cancellationToken));
            foreach (var lead in await db.Leads.Where(l => l.ContactId == id).ToListAsync(cancellationToken))
            {
                lead.ContactId = null;
            }

            db.Contacts.Remove(contact);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete("/{tenant}/crm/contacts/{id:guid}", async Task<NoContent> (Guid id, bool? cascade, Handler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, cascade ?? false, ct);
            return TypedResults.NoContent();
        })
        .WithName("DeleteContact")
        .WithSummary("Delete a contact; one with deals or vehicles answers 409 unless ?cascade=true");
}
