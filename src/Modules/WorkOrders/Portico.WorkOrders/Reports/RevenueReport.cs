using Portico.Kernel.Tenancy;
using Portico.Crm.Contracts;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Reports;

/// <summary>Money of delivered orders: labour and parts net of discounts, the discounts given, VAT and the total paid.</summary>
internal sealed record WorkshopRevenue(int Orders, MoneyAmount Labour, MoneyAmount Parts, MoneyAmount Discount, MoneyAmount Vat, MoneyAmount Total);

internal sealed record WorkshopRevenueBucket(DateOnly Start, DateOnly End, WorkshopRevenue Revenue);

/// <summary>Orders delivered in the period (by delivery time in the tenant's time zone): their money in all and per bucket.</summary>
internal sealed record WorkshopRevenueReport(
    DateOnly From, DateOnly To, string GroupBy, string TimeZone, string Currency, WorkshopRevenue Total, IReadOnlyList<WorkshopRevenueBucket> Buckets);

internal static class GetRevenueReport
{
    private sealed record Sums(int Orders, long Labour, long Parts, long Discount, long Vat, long Total)
    {
        public static readonly Sums Zero = new(0, 0, 0, 0, 0, 0);

        public Sums Add(Sums other) => new(
            Orders + other.Orders, Labour + other.Labour, Parts + other.Parts, Discount + other.Discount, Vat + other.Vat, Total + other.Total);

        public WorkshopRevenue View(string currency) => new(
            Orders, MinorUnits.View(Labour, currency), MinorUnits.View(Parts, currency), MinorUnits.View(Discount, currency),
            MinorUnits.View(Vat, currency), MinorUnits.View(Total, currency));
    }

    [RequiresPermission(WorkOrdersPermissions.Reports)]
    internal sealed class Handler(WorkOrdersDbContext db, ReportScope scope)
    {
        public async Task<WorkshopRevenueReport> HandleAsync(ReportQuery query, CancellationToken cancellationToken)
        {
            var period = await scope.PeriodAsync(query, cancellationToken);
            var currency = (await scope.ProfileAsync(cancellationToken)).Currency;
            var (start, end) = (period.Start, period.End);
            var rows = await db.Orders.AsNoTracking()
                .Where(o => o.Status == WorkOrderStatuses.Delivered && o.DeliveredAt >= start && o.DeliveredAt < end && o.Currency == currency)
                .GroupBy(period.Expand((WorkOrder o) => ReportPeriod.Slot(o.DeliveredAt!.Value)))
                .Select(g => new
                {
                    Slot = g.Key,
                    Sums = new Sums(g.Count(), g.Sum(o => o.LabourMinor), g.Sum(o => o.PartsMinor), g.Sum(o => o.DiscountMinor), g.Sum(o => o.VatMinor), g.Sum(o => o.TotalMinor)),
                })
                .ToListAsync(cancellationToken);
            var buckets = period.Buckets.Select((b, i) =>
                new WorkshopRevenueBucket(b.Start, b.End, (rows.FirstOrDefault(r => r.Slot == i)?.Sums ?? Sums.Zero).View(currency))).ToList();
            var total = rows.Aggregate(Sums.Zero, (sum, r) => sum.Add(r.Sums));
            return new WorkshopRevenueReport(period.From, period.To, period.GroupBy, period.TimeZone, currency, total.View(currency), buckets);
        }
    }

    /// <summary>The export's columns: the bucket's days, orders delivered, labour, parts, discount, VAT and total (amounts as numbers), currency.</summary>
    public static (IReadOnlyList<string> Headers, IEnumerable<object?[]> Rows) Table(WorkshopRevenueReport report, string locale)
    {
        string[] headers =
        [
            ReportTexts.Say(locale, "From"), ReportTexts.Say(locale, "To"), ReportTexts.Say(locale, "Orders"), ReportTexts.Say(locale, "Labour"),
            ReportTexts.Say(locale, "Parts"), ReportTexts.Say(locale, "Discount"), ReportTexts.Say(locale, "VAT"), ReportTexts.Say(locale, "Total"),
            ReportTexts.Say(locale, "Currency"),
        ];
        var rows = report.Buckets.Select(b => Row(b.Start, b.End, b.Revenue, report.Currency))
            .Append(Row(ReportTexts.Say(locale, "Total"), null, report.Total, report.Currency));
        return (headers, rows);
    }

    private static object?[] Row(object? from, object? to, WorkshopRevenue r, string currency) =>
        [from, to, r.Orders, Number(r.Labour), Number(r.Parts), Number(r.Discount), Number(r.Vat), Number(r.Total), currency];

    public static decimal Number(MoneyAmount money) => decimal.Parse(money.Amount, System.Globalization.CultureInfo.InvariantCulture);

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/reports/revenue", async Task<Ok<WorkshopRevenueReport>> ([AsParameters] ReportQuery query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(query, ct)))
        .WithName("GetWorkshopRevenueReport")
        .WithSummary("Orders delivered in the period (from, to, groupBy as the orders report): labour vs parts net of discounts, discounts, VAT and totals in the tenant's currency, in all and per bucket");
}
