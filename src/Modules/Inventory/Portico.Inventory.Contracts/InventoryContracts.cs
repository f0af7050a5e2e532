using Portico.Kernel.Events;

namespace Portico.Inventory.Contracts;

/// <summary>
/// Parts for work orders: reserve stock for an order's stage, release it, turn it into consumption. Runs for the
/// current tenant; another tenant's item is simply not found. Stock never goes negative, also under concurrency:
/// a reservation that the available quantity does not cover is refused with what is available.
/// </summary>
public interface IStockReservations
{
    /// <summary>
    /// Reserves <paramref name="quantity"/> (up to 3 decimals) of an item at a location, or, without one, at the
    /// location with the most available. The item must exist in the current tenant (else <c>NotFoundException</c>).
    /// </summary>
    Task<ReservationResult> ReserveAsync(Guid itemId, Guid? locationId, decimal quantity, StockReference reference, CancellationToken cancellationToken);

    /// <summary>Releases what is still reserved for the reference (a stage; with no stage, every stage of the order). Returns the quantity released.</summary>
    Task<decimal> ReleaseAsync(StockReference reference, CancellationToken cancellationToken);

    /// <summary>
    /// Consumes <paramref name="quantity"/> of an item for the reference: first from its reservations, the rest from
    /// available stock. Refused (insufficient, nothing changed) when the stock does not cover it.
    /// </summary>
    Task<ReservationResult> ConsumeAsync(StockReference reference, Guid itemId, decimal quantity, CancellationToken cancellationToken);
}

/// <summary>What a reservation is for: a work order and one of its stages, opaque to the Inventory.</summary>
/// <param name="Order">The work order's id (or any caller's key), at most 100 characters.</param>
/// <param name="Stage">The stage's id, or null for the whole order.</param>
public sealed record StockReference(string Order, string? Stage = null)
{
    public static StockReference For(Guid order, Guid? stage = null) => new(order.ToString("D"), stage?.ToString("D"));
}

/// <param name="Succeeded">True when the stock covered it.</param>
/// <param name="Available">What is available (across locations, or at the asked location) after the attempt.</param>
/// <param name="ReservationId">The reservation made, when one was.</param>
public sealed record ReservationResult(bool Succeeded, decimal Available, Guid? ReservationId = null)
{
    public static ReservationResult Insufficient(decimal available) => new(false, available);
}

/// <summary>Items as work orders show and price them.</summary>
public interface IInventoryItems
{
    /// <summary>The items with these ids in the current tenant (archived ones included, flagged).</summary>
    Task<IReadOnlyList<InventoryItemInfo>> FindAsync(IReadOnlyCollection<Guid> itemIds, CancellationToken cancellationToken);

    /// <summary>Current (not archived) items in SKU order, optionally those whose SKU, name or barcode contains <paramref name="search"/>; at most <paramref name="limit"/> (≤ 200).</summary>
    Task<IReadOnlyList<InventoryItemInfo>> ListAsync(string? search, int limit, CancellationToken cancellationToken);

    /// <summary>What the stock on hand is worth in the current tenant, at cost and at sale price (items without a price count 0).</summary>
    Task<StockValue> StockValueAsync(CancellationToken cancellationToken);
}

/// <param name="Items">Items with stock on hand (archived ones included).</param>
/// <param name="AtCostMinor">On hand × cost price, in minor units of the tenant's currency.</param>
/// <param name="AtSaleMinor">On hand × sale price, in minor units of the tenant's currency.</param>
public sealed record StockValue(int Items, long AtCostMinor, long AtSaleMinor);

/// <param name="Id">The item's id.</param>
/// <param name="Sku">The tenant's article number.</param>
/// <param name="Name">The item's name.</param>
/// <param name="Unit">pcs, l, kg, m, set…</param>
/// <param name="SalePriceMinor">The sale price in minor units of <paramref name="Currency"/>, or null.</param>
/// <param name="Currency">ISO 4217 code: the tenant's.</param>
/// <param name="VatRate">VAT in percent (0–100), or null.</param>
/// <param name="Available">Available across locations (on hand − reserved).</param>
/// <param name="Archived">Archived: kept for history.</param>
public sealed record InventoryItemInfo(
    Guid Id, string Sku, string Name, string Unit, long? SalePriceMinor, string Currency, decimal? VatRate, decimal Available, bool Archived);

/// <summary>
/// An item's available stock dropped to or below its reorder level. Raised once; not again until the available
/// quantity has gone back above the level. Real time: <c>inventory-low-stock</c> in the tenant's room.
/// </summary>
[EventType("inventory.low_stock", RealtimeName = "inventory-low-stock", Description = "An item's available stock dropped to or below its reorder level.")]
public sealed record LowStock(Guid ItemId, string Sku, string Name, string Unit, decimal Available, decimal ReorderLevel);
