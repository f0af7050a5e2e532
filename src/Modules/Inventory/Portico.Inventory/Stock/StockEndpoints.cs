using Portico.Data.Paging;
using Portico.Inventory.Contracts;
using Portico.Inventory.Items;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Inventory.Stock;

/// <summary>What a reservation or consumption is for: a work order and one of its stages (opaque keys).</summary>
internal sealed record ReferenceInput(string? Order, string? Stage);

/// <summary>
/// A stock movement: <c>type</c> receipt, reservation, release, consumption, return or adjustment; <c>quantity</c>
/// positive with at most 3 decimals (an adjustment's is signed: −2 writes off two); <c>reason</c> required for an
/// adjustment; <c>reference</c> required for a reservation and a release.
/// </summary>
internal sealed record MovementInput(string? Type, Guid? ItemId, Guid? LocationId, decimal? Quantity, string? Reason, ReferenceInput? Reference);

internal sealed record MovementView(
    Guid Id, Guid ItemId, Guid LocationId, string Type, decimal Quantity, decimal OnHandChange, decimal ReservedChange, string? Reason,
    ReferenceView? Reference, Guid? ReservationId, string Actor, DateTimeOffset CreatedAt)
{
    public static MovementView From(StockMovement m) => new(
        m.Id, m.ItemId, m.LocationId, m.Kind, Quantities.View(m.QuantityMilli), Quantities.View(m.OnHandDeltaMilli), Quantities.View(m.ReservedDeltaMilli), m.Reason,
        m.ReferenceOrder is { } order ? new ReferenceView(order, m.ReferenceStage) : null, m.ReservationId, m.Actor, m.CreatedAt);
}

internal sealed record ReferenceView(string Order, string? Stage);

/// <summary>The outcome of a movement: the item's totals after it, and for a reservation its id.</summary>
internal sealed record MovementResult(string Type, ItemView Item, Guid? ReservationId, decimal? Released);

internal static class RecordMovement
{
    [RequiresPermission(InventoryPermissions.Write)]
    internal sealed class Handler(InventoryDbContext db, StockLedger ledger)
    {
        public async Task<MovementResult> HandleAsync(MovementInput input, CancellationToken cancellationToken)
        {
            var type = input.Type?.Trim().ToLowerInvariant();
            var rules = new Rules().Required(type, "type").Check(input.ItemId is not null || type == MovementKinds.Release, "itemId", "is required.");
            if (type is not null)
            {
                rules.OneOf(type, "type", MovementKinds.All);
            }

            var signed = type == MovementKinds.Adjustment;
            var quantity = Quantities.Check(input.Quantity, rules, "quantity", signed: signed);
            rules.Check(input.Quantity is not null || type == MovementKinds.Release, "quantity", "is required.");
            var reason = input.Reason?.Trim();
            rules.Check(type != MovementKinds.Adjustment || !string.IsNullOrEmpty(reason), "reason", "is required for an adjustment.")
                .Check(reason is null || reason.Length <= InventoryLimits.Reason, "reason", $"must be at most {InventoryLimits.Reason} characters.");
            var reference = CheckReference(input.Reference, rules, required: type is MovementKinds.Reservation or MovementKinds.Release);
            rules.ThrowIfInvalid();

            var item = input.ItemId is { } itemId ? await db.FindItemAsync(itemId, cancellationToken) : null;
            if (type != MovementKinds.Release && item!.ArchivedAt is not null && type is MovementKinds.Reservation)
            {
                throw new ConflictException("The item is archived.", "item-archived");
            }

            Guid? reservationId = null;
            decimal? released = null;
            switch (type)
            {
                case MovementKinds.Receipt or MovementKinds.Return:
                    await ledger.MoveAsync(item!, input.LocationId, type, quantity!.Value, reason, reference, cancellationToken);
                    break;
                case MovementKinds.Adjustment:
                    await ledger.MoveAsync(item!, input.LocationId, type, quantity!.Value, reason, reference, cancellationToken);
                    break;
                case MovementKinds.Reservation:
                    var reserved = await ledger.ReserveAsync(item!, input.LocationId, quantity!.Value, reference!, cancellationToken);
                    reservationId = reserved.Succeeded ? reserved.ReservationId : throw new InsufficientStockException(reserved.Available, item!.Unit);
                    break;
                case MovementKinds.Consumption:
                    if (input.LocationId is { } location)
                    {
                        await db.FindLocationAsync(location, cancellationToken);
                    }

                    var consumed = await ledger.ConsumeAsync(item!, input.LocationId, quantity!.Value, reference, cancellationToken);
                    if (!consumed.Succeeded)
                    {
                        throw new InsufficientStockException(consumed.Available, item!.Unit);
                    }

                    break;
                default:
                    released = Quantities.View(await ledger.ReleaseAsync(reference!, item?.Id, cancellationToken));
                    break;
            }

            var view = item is null ? null : ItemView.From(await db.Items.AsNoTracking().FirstAsync(i => i.Id == item.Id, cancellationToken));
            return new MovementResult(type!, view!, reservationId, released);
        }

        private static StockReference? CheckReference(ReferenceInput? input, Rules rules, bool required)
        {
            var order = input?.Order?.Trim();
            var stage = input?.Stage?.Trim() is { Length: > 0 } s ? s : null;
            rules.Check(!required || !string.IsNullOrEmpty(order), "reference.order", "is required.")
                .Check(order is null || order.Length <= InventoryLimits.Reference, "reference.order", $"must be at most {InventoryLimits.Reference} characters.")
                .Check(stage is null || stage.Length <= InventoryLimits.Reference, "reference.stage", $"must be at most {InventoryLimits.Reference} characters.");
            return string.IsNullOrEmpty(order) ? null : new StockReference(order, stage);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/inventory/movements", async Task<Ok<MovementResult>> (MovementInput input, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(input, ct)))
        .WithName("RecordStockMovement")
        .WithRequestExample(new { type = "reservation", itemId = Guid.Empty, quantity = 2, reference = new { order = "wo-1", stage = "stage-1" } })
        .WithSummary("Record a movement: receipt, reservation (for a work order stage), release, consumption, return or adjustment (with a reason); 409 insufficient-stock with the available quantity when stock does not cover it");
}

internal static class ListMovements
{
    internal sealed record Query(string? Type, int? Limit, string? Cursor);

    private static readonly SortFields<StockMovement> Sorts = new SortFields<StockMovement>("-createdAt").Add("createdAt", m => m.CreatedAt);

    [RequiresPermission(InventoryPermissions.Read)]
    internal sealed class Handler(InventoryDbContext db)
    {
        public async Task<Page<MovementView>> HandleAsync(Guid itemId, Query query, CancellationToken cancellationToken)
        {
            _ = await db.Items.AsNoTracking().AnyAsync(i => i.Id == itemId, cancellationToken) ? 0 : throw new NotFoundException("Item", itemId);
            var movements = db.Movements.AsNoTracking().Where(m => m.ItemId == itemId);
            if (query.Type is { } type)
            {
                if (!MovementKinds.All.Contains(type))
                {
                    throw new BadRequestException($"type must be one of {string.Join(", ", MovementKinds.All)}.", "invalid-filter");
                }

                movements = movements.Where(m => m.Kind == type);
            }

            return (await movements.ToPageAsync(PageRequest.From(query.Limit, query.Cursor, null), Sorts, cancellationToken)).Map(MovementView.From);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/inventory/items/{id:guid}/movements", async Task<Ok<Page<MovementView>>> (Guid id, [AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, query, ct)))
        .WithName("ListStockMovements")
        .WithSummary("An item's movement ledger, newest first, in keyset pages; filter type");
}

internal static class GetItemStock
{
    internal sealed record LocationStock(Guid LocationId, string LocationName, decimal OnHand, decimal Reserved, decimal Available);

    [RequiresPermission(InventoryPermissions.Read)]
    internal sealed class Handler(InventoryDbContext db)
    {
        public async Task<IReadOnlyList<LocationStock>> HandleAsync(Guid itemId, CancellationToken cancellationToken)
        {
            _ = await db.Items.AsNoTracking().AnyAsync(i => i.Id == itemId, cancellationToken) ? 0 : throw new NotFoundException("Item", itemId);
            var rows = await db.Stock.AsNoTracking().Where(s => s.ItemId == itemId)
                .Join(db.Locations, s => s.LocationId, l => l.Id, (s, l) => new { s.LocationId, l.Name, l.CreatedAt, s.OnHandMilli, s.ReservedMilli })
                .OrderBy(r => r.CreatedAt).ThenBy(r => r.LocationId).Take(500).ToListAsync(cancellationToken);
            return [.. rows.Select(r => new LocationStock(r.LocationId, r.Name, Quantities.View(r.OnHandMilli), Quantities.View(r.ReservedMilli), Quantities.View(r.OnHandMilli - r.ReservedMilli)))];
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/inventory/items/{id:guid}/stock", async Task<Ok<IReadOnlyList<LocationStock>>> (Guid id, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, ct)))
        .WithName("GetInventoryItemStock")
        .WithSummary("An item's stock per location: on hand, reserved, available");
}

internal static class GetReorderList
{
    internal sealed record ReorderLine(ItemView Item, decimal SuggestedQuantity);

    [RequiresPermission(InventoryPermissions.Read)]
    internal sealed class Handler(InventoryDbContext db)
    {
        /// <summary>Current items at or below their reorder level; the suggestion brings available to twice the level (at least one unit).</summary>
        public async Task<IReadOnlyList<ReorderLine>> HandleAsync(CancellationToken cancellationToken)
        {
            var items = await db.Items.AsNoTracking()
                .Where(i => i.ArchivedAt == null && i.ReorderLevelMilli != null && i.OnHandMilli - i.ReservedMilli <= i.ReorderLevelMilli)
                .OrderBy(i => i.Supplier).ThenBy(i => i.SortName).ThenBy(i => i.Id).Take(1000).ToListAsync(cancellationToken);
            return [.. items.Select(i => new ReorderLine(ItemView.From(i), Quantities.View(Suggest(i))))];
        }

        private static long Suggest(Item i)
        {
            var level = i.ReorderLevelMilli!.Value;
            var missing = (2 * level) - (i.OnHandMilli - i.ReservedMilli);
            return Math.Max(missing, 1000);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/inventory/reorder-list", async Task<Ok<IReadOnlyList<ReorderLine>>> (Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(ct)))
        .WithName("GetInventoryReorderList")
        .WithSummary("Items at or below their reorder level with a suggested order quantity (up to twice the level), grouped by supplier");
}
