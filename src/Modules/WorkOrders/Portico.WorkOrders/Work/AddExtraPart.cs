using Portico.Data.Events;
using Portico.Inventory.Contracts;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Work;

/// <summary>A part found needed during the work: the Inventory item and the quantity used, up to 3 decimals.</summary>
internal sealed record ExtraPartInput(Guid? ItemId, decimal? Quantity);

/// <summary>
/// A part used on a stage beyond the estimate: priced from the Inventory item as it sells now, consumed from stock at once
/// (a quantity the stock cannot cover is a 409 <c>insufficient-stock</c> and nothing is kept), marked extra, and counted in
/// the order's totals.
/// </summary>
internal static class AddExtraPart
{
    [RequiresPermission(WorkOrdersPermissions.Work)]
    internal sealed class Handler(WorkOrdersDbContext db, StageWork work, IInventoryItems items, PartReservations reservations, OrderJournal journal)
    {
        public async Task<WorkOrderPartView> HandleAsync(Guid orderId, Guid stageId, ExtraPartInput input, CancellationToken cancellationToken)
        {
            var (order, stage) = await work.FindAsync(orderId, stageId, cancellationToken);
            var milli = input.Quantity is { } q ? StageWork.MilliOf(q) : null;
            var rules = new Rules()
                .Check(input.ItemId is { } id && id != Guid.Empty, "itemId", "is required: the Inventory item used.")
                .Check(milli is > 0, "quantity", "is required: more than 0, up to 1,000,000, with up to 3 decimals.");
            rules.ThrowIfInvalid();
            var found = await items.FindAsync([input.ItemId!.Value], cancellationToken);
            var item = found.Count > 0 ? found[0] : null;
            rules.Check(item is not null, "itemId", "is not an item of this workshop's inventory.")
                .Check(item is null || !item.Archived, "itemId", "is archived.")
                .ThrowIfInvalid();
            StageWork.RequireWorkable(order);
            StageWork.RequireStageOpen(stage);

            await journal.NameActorAsync(cancellationToken);
            var part = WorkOrderBuilder.NewPart(order, stage.LineId, stage.Id, item!, milli!.Value / 1000m, extra: true);
            var result = await reservations.ConsumeAsync(order, part, part.QuantityMilli, cancellationToken);
            if (!result.Succeeded)
            {
                throw new ConflictException($"The stock does not cover {part.QuantityMilli / 1000m} {part.Unit} of {part.Sku} {part.Name}: {result.Available} available.", CompleteStage.InsufficientStockCode)
                {
                    Members = new Dictionary<string, object?> { ["itemId"] = part.ItemId, ["needed"] = part.QuantityMilli / 1000m, ["available"] = result.Available },
                };
            }

            db.Parts.Add(part);
            journal.Add(order, EntryKinds.PartAdded, $"{part.Sku} {part.Name}", new { partId = part.Id, itemId = part.ItemId, quantity = part.QuantityMilli / 1000m, extra = true }, stage.Id);
            await reservations.SaveAfterStockMovedAsync(order, () => reservations.RetotalAsync(order, cancellationToken), cancellationToken);
            return WorkOrderPartView.From(part, order.Currency);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/workshop/work-orders/{orderId:guid}/stages/{stageId:guid}/parts", async Task<Created<WorkOrderPartView>> (Guid orderId, Guid stageId, ExtraPartInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var part = await handler.HandleAsync(orderId, stageId, input, ct);
            return TypedResults.Created($"/api/v1/tenants/{http.GetRouteValue("tenant")}/workshop/work-orders/{orderId}", part);
        })
        .WithName("AddExtraWorkOrderPart")
        .WithRequestExample(new { itemId = "0193a1f2-7c3e-7d4a-9b1c-2f3e4d5a6b7c", quantity = 1 })
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .WithSummary("Add a part used on an open stage beyond the estimate: priced from the Inventory, consumed from stock at once (409 insufficient-stock, nothing kept), marked extra and counted in the totals");
}
