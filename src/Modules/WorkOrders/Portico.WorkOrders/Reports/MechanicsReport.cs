using Portico.Kernel.Tenancy;
using Portico.Identity.Contracts;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Reports;

/// <summary>
/// One mechanic's work in the period: stages completed (and on how many orders), their expected minutes, the stages
/// with a reported time and those minutes, and the efficiency: expected ÷ actual minutes of the timed stages, in
/// percent (over 100: faster than the norm; null when no time was reported). Stages without a mechanic count under
/// whoever completed them, else under no one (<c>mechanicId</c> null).
/// </summary>
internal sealed record WorkshopMechanicStats(
    Guid? MechanicId, string Name, int StagesDone, int Orders, int ExpectedMinutes, int TimedStages, int ActualMinutes, decimal? Efficiency);

/// <summary>Stages completed in the period per mechanic, most stages first.</summary>
internal sealed record WorkshopMechanicsReport(DateOnly From, DateOnly To, string TimeZone, IReadOnlyList<WorkshopMechanicStats> Mechanics);

internal static class GetMechanicsReport
{
    /// <summary>The period of the mechanics and parts reports: no buckets.</summary>
    internal sealed record Query(DateOnly? From, DateOnly? To)
    {
        public ReportQuery Period => new(From, To, null);
    }

    [RequiresPermission(WorkOrdersPermissions.Reports)]
    internal sealed class Handler(WorkOrdersDbContext db, ReportScope scope, IUserDirectory users)
    {
        public async Task<WorkshopMechanicsReport> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            var period = await scope.PeriodAsync(query.Period, cancellationToken);
            var locale = (await scope.ProfileAsync(cancellationToken)).Locale;
            var (start, end) = (period.Start, period.End);
            var rows = await db.Stages.AsNoTracking()
                .Where(s => s.Status == StageStatuses.Done && s.CompletedAt >= start && s.CompletedAt < end)
                .GroupBy(s => s.MechanicId ?? s.CompletedBy)
                .Select(g => new
                {
                    Mechanic = g.Key,
                    Stages = g.Count(),
                    Orders = g.Select(s => s.OrderId).Distinct().Count(),
                    Expected = g.Sum(s => s.ExpectedMinutes),
                    Timed = g.Count(s => s.ActualMinutes != null),
                    TimedExpected = g.Sum(s => s.ActualMinutes != null ? s.ExpectedMinutes : 0),
                    Actual = g.Sum(s => s.ActualMinutes ?? 0),
                })
                .ToListAsync(cancellationToken);
            var ids = rows.Where(r => r.Mechanic is not null).Select(r => r.Mechanic!.Value).ToList();
            var names = (await users.FindByIdsAsync(ids, cancellationToken)).ToDictionary(u => u.Id, u => string.IsNullOrWhiteSpace(u.FullName) ? u.Email : u.FullName);
            var mechanics = rows
                .Select(r => new WorkshopMechanicStats(
                    r.Mechanic,
                    r.Mechanic is { } id ? names.GetValueOrDefault(id, id.ToString()) : ReportTexts.Say(locale, "Not assigned"),
                    r.Stages, r.Orders, r.Expected, r.Timed, r.Actual,
                    r.Actual > 0 ? Math.Round(r.TimedExpected * 100m / r.Actual, 1, MidpointRounding.AwayFromZero) : null))
                .OrderByDescending(m => m.StagesDone).ThenBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)
                .ToList();
            return new WorkshopMechanicsReport(period.From, period.To, period.TimeZone, mechanics);
        }
    }

    public static (IReadOnlyList<string> Headers, IEnumerable<object?[]> Rows) Table(WorkshopMechanicsReport report, string locale)
    {
        string[] headers =
        [
            ReportTexts.Say(locale, "Mechanic"), ReportTexts.Say(locale, "User id"), ReportTexts.Say(locale, "Stages done"), ReportTexts.Say(locale, "Orders"),
            ReportTexts.Say(locale, "Expected, min"), ReportTexts.Say(locale, "Stages timed"), ReportTexts.Say(locale, "Actual, min"), ReportTexts.Say(locale, "Efficiency, %"),
        ];
        return (headers, report.Mechanics.Select(m => (object?[])
            [m.Name, m.MechanicId?.ToString(), m.StagesDone, m.Orders, m.ExpectedMinutes, m.TimedStages, m.ActualMinutes, m.Efficiency]));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/reports/mechanics", async Task<Ok<WorkshopMechanicsReport>> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(query, ct)))
        .WithName("GetWorkshopMechanicsReport")
        .WithSummary("Per mechanic, stages completed in the period (from, to as the orders report): how many and on how many orders, expected vs actual minutes and the efficiency (expected ÷ actual of the timed stages, in percent)");
}
