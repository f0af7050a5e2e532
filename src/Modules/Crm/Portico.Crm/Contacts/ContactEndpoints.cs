using Portico.Crm.CustomFields;
using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.Crm.Contracts;

namespace Portico.Crm.Contacts;

internal static class GetContact
{
    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        public async Task<ContactView> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var contact = await db.FindContactAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(contact.OwnerId, "Contact", id, cancellationToken);
            return ContactView.From(contact);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/contacts/{id:guid}", async Task<Ok<ContactView>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var contact = await handler.HandleAsync(id, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(contact.Version);
            return TypedResults.Ok(contact);
        })
        .WithName("GetContact")
        .WithSummary("A contact with its emails, phones, tags, consents and custom fields");
}

internal static class UpdateContact
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, ContactWriter writer, ContactUniqueness uniqueness, CrmAccess access)
    {
        public async Task<ContactView> HandleAsync(Guid id, ContactInput input, long? expectedVersion, CancellationToken cancellationToken)
        {
            var contact = await db.FindContactAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(contact.OwnerId, "Contact", id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, contact.Version);
            await writer.ApplyAsync(contact, input, creating: false, cancellationToken);
            await uniqueness.SaveAsync(contact, () => db.SaveChangesAsync(cancellationToken), checkFirst: true, cancellationToken);
            return ContactView.From(contact);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/crm/contacts/{id:guid}", async Task<Ok<ContactView>> (Guid id, ContactInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var contact = await handler.HandleAsync(id, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(contact.Version);
            return TypedResults.Ok(contact);
        })
        .WithName("UpdateContact")
        .WithSummary("Change a contact (merge patch; lists replace; send If-Match to avoid lost updates); an email or phone of another contact is a 409 contact-exists naming it (existingId)");
}

internal static class DeleteContact
{
    [RequiresPermission(CrmPermissions.Delete)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        /// <summary>Deletes the contact with its activities. A contact with deals needs <c>cascade</c>, which deletes the deals too; its leads are unlinked.</summary>
        public async Task HandleAsync(Guid id, bool cascade, CancellationToken cancellationToken)
        {
            var contact = await db.FindContactAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(contact.OwnerId, "Contact", id, cancellationToken);
            var deals = await db.Deals.Where(d => d.ContactId == id).ToListAsync(cancellationToken);
            if (deals.Count > 0 && !cascade)
            {
                throw new ConflictException($"The contact has {deals.Count} deal(s). Delete them first, or repeat with ?cascade=true to delete them with the contact.", "contact-has-deals");
            }

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
        .WithSummary("Delete a contact; one with deals answers 409 unless ?cascade=true");
}

internal static class ListContacts
{
    public static readonly RecordSchema<Contact> Schema = new RecordSchema<Contact>(RecordTypes.Contact, "-createdAt")
        .Field("createdAt", c => c.CreatedAt, sortable: true)
        .Field("updatedAt", c => c.UpdatedAt, sortable: true)
        .Field("name", c => c.Name, sortable: true)
        .Field("kind", c => c.Kind)
        .Field("email", c => c.Email)
        .Field("phone", c => c.Phone)
        .Field("companyName", c => c.CompanyName)
        .Field("ownerId", c => c.OwnerId)
        .Field("source", c => c.Source)
        .Field("marketingConsent", c => c.MarketingConsent)
        .Field("dataProcessingConsent", c => c.DataProcessingConsent)
        .Tags("tags", c => c.Tags);

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, CustomFieldValues fields)
    {
        /// <summary>The filtered, searched and sorted contacts of the tenant (only the caller's own under restricted visibility).</summary>
        public async Task<IQueryable<Contact>> QueryAsync(RecordQuery parameters, CancellationToken cancellationToken)
        {
            var (query, _) = await FilteredAsync(parameters, cancellationToken);
            return query;
        }

        public async Task<Page<ContactView>> HandleAsync(RecordQuery parameters, PageRequest page, CancellationToken cancellationToken)
        {
            var (query, sorts) = await FilteredAsync(parameters, cancellationToken);
            var contacts = await query.Include(c => c.Channels).AsSplitQuery().ToPageAsync(page, sorts, cancellationToken);
            return contacts.Map(ContactView.From);
        }

        private async Task<(IQueryable<Contact>, SortFields<Contact>)> FilteredAsync(RecordQuery parameters, CancellationToken cancellationToken)
        {
            var query = db.Contacts.Matching(db, parameters.Q).AsNoTracking();
            if (await access.RestrictedToAsync(cancellationToken) is { } me)
            {
                query = query.Where(c => c.OwnerId == me);
            }

            return await Schema.ApplyAsync(query, parameters, fields, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/contacts", async Task<Ok<Page<ContactView>>> (Handler handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(RecordQuery.FromQuery(http.Request.Query), http.Request.Page(), ct)))
        .RequirePermission(CrmPermissions.Read)
        .WithName("ListContacts")
        .WithSummary("Contacts: q searches names, emails, phones and tags; filter on any field (field[op]=value, cf.{key} for custom fields); sort createdAt, updatedAt, name or cf.{key}");
}
