using Microsoft.Extensions.Configuration;
using Portico.Kernel.Http;

namespace Portico.WorkOrders.Orders;

/// <summary>
/// The client's signed links to a work order: the tracking page (<c>/w/{token}</c>: progress, shared photos, the
/// estimate to approve) and its API (<c>/api/v1/public/work-orders/{token}</c>). A changed character is a 404 like an
/// unknown order.
/// </summary>
internal sealed class TrackingLinks(IConfiguration configuration, PublicLinks links)
{
    public const string KeyFile = "./data/keys/work-order-links.key";

    private readonly SignedRecordTokens _tokens = new(() => PlatformKeys.Derive(configuration, "portico:workorders:tracking-links", KeyFile));

    public string Issue(Guid tenantId, Guid orderId) => _tokens.Issue(tenantId, orderId);

    /// <summary>The tracking page's absolute address.</summary>
    public string PageFor(Guid tenantId, Guid orderId) => links.To($"/w/{Issue(tenantId, orderId)}");

    /// <summary>The tenant and order a genuine token names, or null for anything else.</summary>
    public (Guid TenantId, Guid OrderId)? Read(string? token) => _tokens.Read(token);
}
