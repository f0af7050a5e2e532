using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Deals;

internal static class DeleteDeal
{
    [RequiresPermission(CrmPermissions.Delete)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        public async Task HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var deal = await db.FindDealAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(deal.AssigneeId, "Deal", id, cancellationToken);
            db.Activities.RemoveRange(await db.Activities.Where(a => a.RecordId == id).ToListAsync(cancellationToken));
            db.Deals.Remove(deal);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete("/{tenant}/crm/deals/{id:guid}", async Task<NoContent> (Guid id, Handler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, ct);
            return TypedResults.NoContent();
        })
        .WithName("DeleteDeal")
        .WithSummary("Delete a deal and its activities");
}
