using Portico.Crm.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.WorkOrders.Garage;

/// <summary>
/// The desk gets a client's garage link to send them (all their cars and orders on one page). It exposes the client's
/// cars and orders, so it takes <see cref="WorkOrdersPermissions.Write"/>: the front desk and managers, not mechanics.
/// A contact unknown to the CRM of this workshop is a 404.
/// </summary>
internal static class GetGarageLink
{
    internal sealed record GarageLinkView(string Url);

    [RequiresPermission(WorkOrdersPermissions.Write)]
    internal sealed class Handler(IClientContacts contacts, GarageLinks links, RequestContext context)
    {
        public async Task<GarageLinkView> HandleAsync(Guid contactId, CancellationToken cancellationToken)
        {
            _ = await contacts.FindAsync(contactId, cancellationToken) ?? throw new NotFoundException("Contact", contactId);
            return new GarageLinkView(links.PageFor(context.RequiredTenantId, contactId));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/clients/{contactId:guid}/garage-link", async Task<Ok<GarageLinkView>> (Guid contactId, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(contactId, ct)))
        .WithName("GetWorkshopGarageLink")
        .WithSummary("A client's signed garage link (/g/{token}: all their cars and work orders on one page, no sign-in) to send them; 404 for a contact this workshop's CRM does not have");
}
