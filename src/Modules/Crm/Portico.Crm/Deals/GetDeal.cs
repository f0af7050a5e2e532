using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Deals;

internal static class GetDeal
{
    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        public async Task<DealView> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var deal = await db.FindDealAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(deal.AssigneeId, "Deal", id, cancellationToken);
            return DealView.From(deal);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/deals/{id:guid}", async Task<Ok<DealView>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var deal = await handler.HandleAsync(id, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(deal.Version);
            return TypedResults.Ok(deal);
        })
        .WithName("GetDeal")
        .WithSummary("A deal");
}
