using Portico.Crm.Contracts;
using Portico.Crm.CustomFields;
using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Contacts;

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
