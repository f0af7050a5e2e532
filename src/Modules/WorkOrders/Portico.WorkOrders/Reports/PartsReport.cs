using Portico.Kernel.Tenancy;
using System.Runtime.CompilerServices;
using Portico.Crm.Contracts;
using Portico.Inventory.Contracts;

namespace Portico.WorkOrders.Reports;

/// <summary>An item consumed on orders in the period: how much, what it came to at the orders' sale prices, on how many orders.</summary>
internal sealed record WorkshopPartConsumption(Guid ItemId, string Sku, string Name, string Unit, decimal Quantity, MoneyAmount Value, int Orders);

/// <summary>The stock on hand now: how many items have stock, and its worth at cost and at sale price.</summary>
internal sealed record WorkshopStockValue(int Items, MoneyAmount AtCost, MoneyAmount AtSale);

/// <summary>
/// Parts consumed in the period (by the time of their last consumption), by item, highest value first: the first
/// <see cref="GetPartsReport.Top"/> items, with the count and value of all; and the stock's value now.
/// </summary>
internal sealed record WorkshopPartsReport(
    DateOnly From, DateOnly To, string TimeZone, string Currency, int ItemCount, MoneyAmount Value, IReadOnlyList<WorkshopPartConsumption> Items, WorkshopStockValue Stock);

internal static class GetPartsReport
{
    /// <summary>Items in the JSON report; the export has them all.</summary>
    public const int Top = 200;

    /// <summary>Items named per query to the Inventory while streaming.</summary>
    private const int ChunkSize = 200;

    private sealed record Row(Guid ItemId, long QuantityMilli, long ValueMilliMinor, int Orders);

    [RequiresPermission(WorkOrdersPermissions.Reports)]
    internal sealed class Handler(WorkOrdersDbContext db, ReportScope scope, IInventoryItems items)
    {
        public async Task<WorkshopPartsReport> HandleAsync(GetMechanicsReport.Query query, CancellationToken cancellationToken)
        {
            var period = await scope.PeriodAsync(query.Period, cancellationToken);
            var currency = (await scope.ProfileAsync(cancellationToken)).Currency;
            var consumed = Consumed(period);
            var totals = await consumed.GroupBy(p => 1)
                .Select(g => new { Items = g.Select(p => p.ItemId).Distinct().Count(), Value = g.Sum(p => p.UnitPriceMinor * p.ConsumedMilli) })
                .FirstOrDefaultAsync(cancellationToken);
            var top = new List<WorkshopPartConsumption>();
            await foreach (var item in RowsAsync(period, currency, Top, cancellationToken))
            {
                top.Add(item);
            }

            var stock = await items.StockValueAsync(cancellationToken);
            return new WorkshopPartsReport(
                period.From, period.To, period.TimeZone, currency, totals?.Items ?? 0, MinorUnits.View(Minor(totals?.Value ?? 0), currency), top,
                new WorkshopStockValue(stock.Items, MinorUnits.View(stock.AtCostMinor, currency), MinorUnits.View(stock.AtSaleMinor, currency)));
        }

        /// <summary>
        /// Every consumed item, highest value first. The grouped rows (an id and three numbers an item) are read at once:
        /// the connection is shared with the Inventory, whose names are then read a chunk at a time as the rows are
        /// written, so an export of thousands of items holds one chunk of named rows.
        /// </summary>
        public async IAsyncEnumerable<WorkshopPartConsumption> RowsAsync(
            ReportPeriod period, string currency, int? limit, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var query = Consumed(period).GroupBy(p => p.ItemId)
                .Select(g => new { ItemId = g.Key, Quantity = g.Sum(p => p.ConsumedMilli), Value = g.Sum(p => p.UnitPriceMinor * p.ConsumedMilli), Orders = g.Select(p => p.OrderId).Distinct().Count() })
                .OrderByDescending(r => r.Value).ThenBy(r => r.ItemId);
            var rows = (await (limit is { } top ? query.Take(top) : query).ToListAsync(cancellationToken))
                .ConvertAll(r => new Row(r.ItemId, r.Quantity, r.Value, r.Orders));
            foreach (var chunk in rows.Chunk(ChunkSize))
            {
                foreach (var item in await NameAsync(chunk, currency, cancellationToken))
                {
                    yield return item;
                }
            }
        }

        private IQueryable<Orders.WorkOrderPart> Consumed(ReportPeriod period)
        {
            var (start, end) = (period.Start, period.End);
            return db.Parts.AsNoTracking().Where(p => p.ConsumedAt >= start && p.ConsumedAt < end && p.ConsumedMilli > 0);
        }

        private async Task<IEnumerable<WorkshopPartConsumption>> NameAsync(Row[] rows, string currency, CancellationToken cancellationToken)
        {
            var found = (await items.FindAsync([.. rows.Select(r => r.ItemId)], cancellationToken)).ToDictionary(i => i.Id);
            return [.. rows.Select(r => found.TryGetValue(r.ItemId, out var item)
                ? new WorkshopPartConsumption(r.ItemId, item.Sku, item.Name, item.Unit, r.QuantityMilli / 1000m, MinorUnits.View(Minor(r.ValueMilliMinor), currency), r.Orders)
                : new WorkshopPartConsumption(r.ItemId, "", "", "", r.QuantityMilli / 1000m, MinorUnits.View(Minor(r.ValueMilliMinor), currency), r.Orders))];
        }
    }

    /// <summary>Thousandths of a unit × minor units per unit, to minor units (half up).</summary>
    private static long Minor(long milliTimesMinor) => (long)Math.Round(milliTimesMinor / 1000m, MidpointRounding.AwayFromZero);

    public static IReadOnlyList<string> Headers(string locale) =>
    [
        ReportTexts.Say(locale, "SKU"), ReportTexts.Say(locale, "Name"), ReportTexts.Say(locale, "Unit"), ReportTexts.Say(locale, "Quantity"),
        ReportTexts.Say(locale, "Sale value"), ReportTexts.Say(locale, "Currency"), ReportTexts.Say(locale, "Orders"),
    ];

    public static object?[] Cells(WorkshopPartConsumption p) =>
        [p.Sku, p.Name, p.Unit, p.Quantity, GetRevenueReport.Number(p.Value), p.Value.Currency, p.Orders];

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/reports/parts", async Task<Ok<WorkshopPartsReport>> ([AsParameters] GetMechanicsReport.Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(query, ct)))
        .WithName("GetWorkshopPartsReport")
        .WithSummary("Parts consumed on orders in the period (from, to as the orders report) by item: quantity, value at the orders' sale prices and orders, highest value first (the first 200; the export has all); and the value of the stock on hand now at cost and at sale price");
}
