using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

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
