using Portico.Inventory.Contracts;
using Portico.Inventory.Items;
using Portico.Inventory.Stock;

namespace Portico.Inventory;

/// <summary>Stock reservations for work orders (<see cref="IStockReservations"/>), through the same ledger as the API.</summary>
internal sealed class StockReservations(InventoryDbContext db, StockLedger ledger) : IStockReservations
{
    public async Task<ReservationResult> ReserveAsync(Guid itemId, Guid? locationId, decimal quantity, StockReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var item = await db.FindItemAsync(itemId, cancellationToken);
        return await ledger.ReserveAsync(item, locationId, Milli(quantity), reference, cancellationToken);
    }

    public async Task<decimal> ReleaseAsync(StockReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return Quantities.View(await ledger.ReleaseAsync(reference, null, cancellationToken));
    }

    public async Task<ReservationResult> ConsumeAsync(StockReference reference, Guid itemId, decimal quantity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var item = await db.FindItemAsync(itemId, cancellationToken);
        return await ledger.ConsumeAsync(item, null, Milli(quantity), reference, cancellationToken);
    }

    private static long Milli(decimal quantity)
    {
        var rules = new Rules();
        var milli = Quantities.Check(quantity, rules, "quantity");
        rules.ThrowIfInvalid();
        return milli!.Value;
    }
}

/// <summary>Items as work orders read them (<see cref="IInventoryItems"/>).</summary>
internal sealed class InventoryItems(InventoryDbContext db) : IInventoryItems
{
    public async Task<IReadOnlyList<InventoryItemInfo>> FindAsync(IReadOnlyCollection<Guid> itemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        if (itemIds.Count == 0)
        {
            return [];
        }

        var ids = itemIds.Distinct().ToList();
        return [.. (await db.Items.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync(cancellationToken)).Select(Info)];
    }

    public async Task<IReadOnlyList<InventoryItemInfo>> ListAsync(string? search, int limit, CancellationToken cancellationToken)
    {
        var items = db.Items.AsNoTracking().Where(i => i.ArchivedAt == null);
        if (search?.Trim().ToLowerInvariant() is { Length: > 0 } text)
        {
            items = items.Where(i => i.SearchText.Contains(text));
        }

        return [.. (await items.OrderBy(i => i.SkuKey).ThenBy(i => i.Id).Take(Math.Clamp(limit, 1, 200)).ToListAsync(cancellationToken)).Select(Info)];
    }

    public async Task<StockValue> StockValueAsync(CancellationToken cancellationToken)
    {
        // Summed in thousandths × minor units, divided once: one aggregate query, no rounding per item.
        var sums = await db.Items.AsNoTracking().Where(i => i.OnHandMilli > 0).GroupBy(i => 1)
            .Select(g => new { Items = g.Count(), Cost = g.Sum(i => i.OnHandMilli * (i.CostMinor ?? 0)), Sale = g.Sum(i => i.OnHandMilli * (i.PriceMinor ?? 0)) })
            .FirstOrDefaultAsync(cancellationToken);
        return sums is null ? new StockValue(0, 0, 0) : new StockValue(sums.Items, Minor(sums.Cost), Minor(sums.Sale));
    }

    private static long Minor(long milliTimesMinor) => (long)Math.Round(milliTimesMinor / 1000m, MidpointRounding.AwayFromZero);

    private static InventoryItemInfo Info(Item i) =>
        new(i.Id, i.Sku, i.Name, i.Unit, i.PriceMinor, i.Currency, i.VatRate, Quantities.View(i.OnHandMilli - i.ReservedMilli), i.ArchivedAt is not null);
}
