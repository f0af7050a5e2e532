using Portico.Kernel.Tenancy;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Reports;

/// <summary>A bucket of the orders report: its days and the orders created in them, by current status.</summary>
internal sealed record WorkshopOrdersBucket(DateOnly Start, DateOnly End, int Total, IReadOnlyDictionary<string, int> ByStatus);

/// <summary>
/// Orders created in the period, by their current status: in all and per bucket (day, week or month in the tenant's
/// time zone). Every status is present, with 0 where there are none.
/// </summary>
internal sealed record WorkshopOrdersReport(
    DateOnly From, DateOnly To, string GroupBy, string TimeZone, int Total, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyList<WorkshopOrdersBucket> Buckets);

internal static class GetOrdersReport
{
    [RequiresPermission(WorkOrdersPermissions.Reports)]
    internal sealed class Handler(WorkOrdersDbContext db, ReportScope scope)
    {
        public async Task<WorkshopOrdersReport> HandleAsync(ReportQuery query, CancellationToken cancellationToken)
        {
            var period = await scope.PeriodAsync(query, cancellationToken);
            var (start, end) = (period.Start, period.End);
            // One grouped query: (bucket, status) → count.
            var rows = await db.Orders.AsNoTracking()
                .Where(o => o.CreatedAt >= start && o.CreatedAt < end)
                .GroupBy(period.Expand((WorkOrder o) => new { Slot = ReportPeriod.Slot(o.CreatedAt), o.Status }))
                .Select(g => new { g.Key.Slot, g.Key.Status, Count = g.Count() })
                .ToListAsync(cancellationToken);
            var buckets = period.Buckets.Select((b, i) =>
            {
                var counts = Counts(rows.Where(r => r.Slot == i).Select(r => (r.Status, r.Count)));
                return new WorkshopOrdersBucket(b.Start, b.End, counts.Values.Sum(), counts);
            }).ToList();
            var byStatus = Counts(rows.Select(r => (r.Status, r.Count)));
            return new WorkshopOrdersReport(period.From, period.To, period.GroupBy, period.TimeZone, byStatus.Values.Sum(), byStatus, buckets);
        }

        private static Dictionary<string, int> Counts(IEnumerable<(string Status, int Count)> rows)
        {
            var counts = WorkOrderStatuses.All.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
            foreach (var (status, count) in rows)
            {
                counts[status] = counts.GetValueOrDefault(status) + count;
            }

            return counts;
        }
    }

    /// <summary>The export's columns: the bucket's days, the total, then one column per status in flow order.</summary>
    public static (IReadOnlyList<string> Headers, IEnumerable<object?[]> Rows) Table(WorkshopOrdersReport report, string locale)
    {
        string[] headers = [ReportTexts.Say(locale, "From"), ReportTexts.Say(locale, "To"), ReportTexts.Say(locale, "Total"), .. WorkOrderStatuses.All.Select(s => ReportTexts.Status(locale, s))];
        var rows = report.Buckets.Select(b => (object?[])[b.Start, b.End, b.Total, .. WorkOrderStatuses.All.Select(s => (object?)b.ByStatus[s])])
            .Append([ReportTexts.Say(locale, "Total"), null, report.Total, .. WorkOrderStatuses.All.Select(s => (object?)report.ByStatus[s])]);
        return (headers, rows);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/reports/orders", async Task<Ok<WorkshopOrdersReport>> ([AsParameters] ReportQuery query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(query, ct)))
        .WithName("GetWorkshopOrdersReport")
        .WithSummary("Orders created in the period (from, to: days in the tenant's time zone, both included; the last 30 days by default; at most 366) by current status, in all and per day, week or month (groupBy)");
}
