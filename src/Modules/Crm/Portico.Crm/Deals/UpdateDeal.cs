using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Deals;

internal static class UpdateDeal
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, DealWriter writer)
    {
        public async Task<DealView> HandleAsync(Guid id, DealInput input, long? expectedVersion, CancellationToken cancellationToken)
        {
            var deal = await db.FindDealAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(deal.AssigneeId, "Deal", id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, deal.Version);
            await writer.UpdateAsync(deal, input, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return DealView.From(deal);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/crm/deals/{id:guid}", async Task<Ok<DealView>> (Guid id, DealInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var deal = await handler.HandleAsync(id, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(deal.Version);
            return TypedResults.Ok(deal);
        })
        .WithName("UpdateDeal")
        .WithSummary("Change a deal (merge patch; the stage changes through move; send If-Match to avoid lost updates)");
}
