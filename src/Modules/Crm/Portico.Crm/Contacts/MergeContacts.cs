using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Data.Events;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Contacts;

internal static class MergeContacts
{
    internal sealed record Request(Guid? OtherId);

    [RequiresPermission(CrmPermissions.Delete)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, ContactWriter writer, ContactUniqueness uniqueness, Outbox outbox)
    {
        /// <summary>
        /// Merges <paramref name="request"/>'s other contact into this one: what it knows and this one does not is added,
        /// its leads, deals, vehicles and activities move here, and it is deleted. One transaction.
        /// </summary>
        public async Task<ContactView> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
        {
            if (request.OtherId is not { } otherId || otherId == id)
            {
                throw ValidationException.For("otherId", "is required and must be another contact.");
            }

            var target = await db.FindContactAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(target.OwnerId, "Contact", id, cancellationToken);
            var other = await db.FindContactAsync(otherId, cancellationToken);
            await access.EnsureVisibleAsync(other.OwnerId, "Contact", otherId, cancellationToken);

            var otherCopy = new Contact { TenantId = other.TenantId, Name = other.Name };
            otherCopy.SetChannels(other.Emails.ToList(), other.Phones.ToList());
            (otherCopy.Tags, otherCopy.CustomFields, otherCopy.FirstName, otherCopy.LastName, otherCopy.CompanyName, otherCopy.JobTitle, otherCopy.Source, otherCopy.OwnerId, otherCopy.Notes,
                otherCopy.MarketingConsent, otherCopy.DataProcessingConsent) =
                (other.Tags, other.CustomFields, other.FirstName, other.LastName, other.CompanyName, other.JobTitle, other.Source, other.OwnerId, other.Notes,
                other.MarketingConsent, other.DataProcessingConsent);
            var legacyTwins = other.Channels.Where(c => c.IsLegacyDuplicate).Select(c => (c.Kind, c.Value)).ToHashSet();

            // Two saves in one transaction: the other contact is gone (its emails and phones freed under the unique
            // index) before the target takes them.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Contacts.Remove(other);
            await db.Leads.Where(l => l.ContactId == otherId).ForEachAsync(l => l.ContactId = id, cancellationToken);
            await db.Deals.Where(d => d.ContactId == otherId).ForEachAsync(d => d.ContactId = id, cancellationToken);
            await db.Vehicles.Where(v => v.ContactId == otherId).ForEachAsync(v => v.ContactId = id, cancellationToken);
            await db.Activities.Where(a => a.RecordType == RecordTypes.Contact && a.RecordId == otherId).ForEachAsync(a => a.RecordId = id, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            await ContactMerging.AbsorbAsync(target, otherCopy, writer, cancellationToken);
            foreach (var channel in target.Channels.Where(c => legacyTwins.Contains((c.Kind, c.Value)) && db.Entry(c).State == EntityState.Added))
            {
                channel.IsLegacyDuplicate = true; // a twin the other contact kept stays one: a third contact holds the value
            }

            await uniqueness.ClaimFreedValuesAsync(target, cancellationToken);
            outbox.Publish(new ContactsMerged(id, otherId));
            await uniqueness.SaveAsync(target, () => outbox.SaveChangesAsync(db, cancellationToken), checkFirst: true, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return ContactView.From(target);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/contacts/{id:guid}/merge", async Task<Ok<ContactView>> (Guid id, Request request, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, request, ct)))
        .WithName("MergeContacts")
        .WithSummary("Merge another contact into this one: emails, phones, tags and empty fields join, its leads, deals, vehicles and activities move here, and it is deleted");
}
