using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Tracking;

/// <summary>
/// The way in for a workshop's clients: a signed tracking token names the tenant and the order, and the request enters
/// that tenant (as the booking manage links do). A tampered, unknown or another tenant's token, a suspended or deleted
/// workshop, and an order that is gone are all the same 404.
/// </summary>
internal sealed class PublicWorkshop(TrackingLinks links, RequestContext context, ITenantDirectory tenants, ITenantProfiles profiles, WorkOrdersDbContext db)
{
    public const string Actor = "system:tracking";

    /// <summary>Enters the token's tenant and loads its order (tracked, for changes).</summary>
    public async Task<(WorkOrder Order, TenantProfile Workshop)> EnterAsync(string? token, CancellationToken cancellationToken)
    {
        var (tenantId, orderId) = links.Read(token) ?? throw new NotFoundException("WorkOrder", "link");
        var profile = await profiles.FindAsync(tenantId, cancellationToken);
        if (profile is null || profile.Suspended || await tenants.FindBySlugAsync(profile.Slug, cancellationToken) is null)
        {
            throw new NotFoundException("WorkOrder", "link");
        }

        context.SetTenant(profile.Id, profile.Slug);
        context.SetActor(Actor);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken) ?? throw new NotFoundException("WorkOrder", "link");
        return (order, profile);
    }

    /// <summary>The tenant's language for the client's texts: <c>ru</c> or <c>en</c>.</summary>
    public static string LanguageOf(string locale) => locale.StartsWith("ru", StringComparison.OrdinalIgnoreCase) ? "ru" : "en";
}
