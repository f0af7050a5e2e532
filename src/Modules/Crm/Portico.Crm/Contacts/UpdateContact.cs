using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Contacts;

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
