using Microsoft.Extensions.Configuration;
using Portico.Kernel.Http;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Garage;

/// <summary>
/// The client's signed link to all their cars and work orders in one workshop: the garage page (<c>/g/{token}</c>) and
/// its API (<c>/api/v1/public/workshop/garage/{token}</c>). The token names the tenant and the CRM contact, signed with
/// the work-order links' key file under its own purpose, so a tracking token is no garage token and the other way round.
/// A changed character is a 404 like an unknown client.
/// </summary>
internal sealed class GarageLinks(IConfiguration configuration, PublicLinks links)
{
    private readonly SignedRecordTokens _tokens = new(() => PlatformKeys.Derive(configuration, "portico:workorders:garage-links", TrackingLinks.KeyFile));

    public string Issue(Guid tenantId, Guid contactId) => _tokens.Issue(tenantId, contactId);

    /// <summary>The garage page's path (<c>/g/{token}</c>), for links inside the site.</summary>
    public string PathFor(Guid tenantId, Guid contactId) => $"/g/{Issue(tenantId, contactId)}";

    /// <summary>The garage page's absolute address.</summary>
    public string PageFor(Guid tenantId, Guid contactId) => links.To(PathFor(tenantId, contactId));

    /// <summary>The tenant and contact a genuine token names, or null for anything else.</summary>
    public (Guid TenantId, Guid ContactId)? Read(string? token) => _tokens.Read(token);
}
