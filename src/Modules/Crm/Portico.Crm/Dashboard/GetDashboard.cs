using Portico.Crm.Activities;
using Portico.Crm.Contracts;
using Portico.Crm.Pipelines;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Dashboard;

/// <summary>
/// A tenant's CRM at a glance: leads of the last 30 days per day (in the tenant's time zone) and per source, the open
/// value of each pipeline stage (in the tenant's currency), and the response time: from a lead's arrival to its first
/// activity (note, call, meeting, email or task; not the form submission itself), averaged over the leads of the last
/// 30 days that have one. Every figure is one aggregate query grouped in SQL; a restricted member sees their own records.
/// </summary>
internal static class GetDashboard
{
    public const int Days = 30;

    internal sealed record DayCount(DateOnly Day, int Count);

    internal sealed record SourceCount(string Source, int Count);

    internal sealed record StageValue(Guid PipelineId, string Pipeline, string RecordType, Guid StageId, string Stage, int Count, MoneyAmount Value);

    internal sealed record Result(
        string Currency, int NewLeads, int OpenLeads, int OpenDeals, MoneyAmount OpenDealsValue, int WonDeals, MoneyAmount WonDealsValue,
        double? ResponseHours, int Answered, IReadOnlyList<DayCount> LeadsPerDay, IReadOnlyList<SourceCount> LeadsBySource, IReadOnlyList<StageValue> PipelineValue);

    private sealed record StageSum(Guid StageId, int Count, long? Sum);

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(CancellationToken cancellationToken)
        {
            var profile = await access.ProfileAsync(cancellationToken);
            var currency = profile.Currency;
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(profile.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
            var firstDay = today.AddDays(-(Days - 1));
            var since = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(firstDay.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
            var offset = (int)zone.GetUtcOffset(now).TotalMinutes;
            var shift = (offset >= 0 ? "+" : "") + offset.ToString(System.Globalization.CultureInfo.InvariantCulture) + " minutes";
            var zoneName = zone.Id == TimeZoneInfo.Utc.Id ? "UTC" : profile.TimeZone;

            var restricted = await access.RestrictedToAsync(cancellationToken);
            var leads = db.Leads.AsNoTracking();
            var deals = db.Deals.AsNoTracking();
            if (restricted is { } me)
            {
                leads = leads.Where(l => l.AssigneeId == me);
                deals = deals.Where(d => d.AssigneeId == me);
            }

            var recent = leads.Where(l => l.CreatedAt >= since);
            var perDay = await recent.GroupBy(l => CrmSql.Day(l.CreatedAt, EF.Constant(zoneName), EF.Constant(shift)))
                .Select(g => new { Day = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var counts = perDay.Where(d => DateOnly.TryParse(d.Day, System.Globalization.CultureInfo.InvariantCulture, out _))
                .ToDictionary(d => DateOnly.Parse(d.Day, System.Globalization.CultureInfo.InvariantCulture), d => d.Count);
            var days = Enumerable.Range(0, Days).Select(i => firstDay.AddDays(i)).Select(d => new DayCount(d, counts.GetValueOrDefault(d))).ToList();

            var bySource = (await recent.GroupBy(l => l.Source).Select(g => new { Source = g.Key, Count = g.Count() })
                .OrderByDescending(s => s.Count).ToListAsync(cancellationToken)).ConvertAll(s => new SourceCount(s.Source, s.Count));

            var openLeads = await leads.CountAsync(l => l.ConvertedAt == null, cancellationToken);
            var openDeals = await deals.Where(d => d.Status == StageKinds.Open)
                .GroupBy(d => 1).Select(g => new { Count = g.Count(), Sum = g.Where(d => d.Currency == currency).Sum(d => d.AmountMinor) })
                .FirstOrDefaultAsync(cancellationToken);
            var won = await deals.Where(d => d.Status == StageKinds.Won && d.ClosedAt >= since)
                .GroupBy(d => 1).Select(g => new { Count = g.Count(), Sum = g.Where(d => d.Currency == currency).Sum(d => d.AmountMinor) })
                .FirstOrDefaultAsync(cancellationToken);

            // Response time: the first activity of each recent lead, averaged in SQL.
            var answered = recent.Select(l => new
                {
                    Created = CrmSql.Seconds(l.CreatedAt),
                    First = db.Activities.Where(a => a.RecordType == RecordTypes.Lead && a.RecordId == l.Id && a.Kind != "form_submission")
                        .Min(a => (double?)CrmSql.Seconds(a.CreatedAt)),
                })
                .Where(x => x.First != null);
            var response = await answered.GroupBy(x => 1)
                .Select(g => new { Count = g.Count(), Average = g.Average(x => x.First!.Value - x.Created) })
                .FirstOrDefaultAsync(cancellationToken);

            var stages = await db.Stages.AsNoTracking().Where(s => s.Kind == StageKinds.Open)
                .Join(db.Pipelines.AsNoTracking(), s => s.PipelineId, p => p.Id, (s, p) => new { s.Id, s.Name, s.Position, PipelineId = p.Id, Pipeline = p.Name, p.RecordType, PipelinePosition = p.Position })
                .ToListAsync(cancellationToken);
            var leadSums = await leads.Where(l => l.ConvertedAt == null).GroupBy(l => l.StageId)
                .Select(g => new StageSum(g.Key, g.Count(), g.Where(l => l.Currency == currency).Sum(l => l.ValueMinor))).ToListAsync(cancellationToken);
            var dealSums = await deals.Where(d => d.Status == StageKinds.Open).GroupBy(d => d.StageId)
                .Select(g => new StageSum(g.Key, g.Count(), g.Where(d => d.Currency == currency).Sum(d => d.AmountMinor))).ToListAsync(cancellationToken);
            var sums = leadSums.Concat(dealSums).ToDictionary(s => s.StageId);
            var pipelineValue = stages.OrderBy(s => s.RecordType).ThenBy(s => s.PipelinePosition).ThenBy(s => s.Position)
                .Select(s => new StageValue(s.PipelineId, s.Pipeline, s.RecordType, s.Id, s.Name, sums.GetValueOrDefault(s.Id)?.Count ?? 0,
                    Money.View(sums.GetValueOrDefault(s.Id)?.Sum ?? 0, currency)!))
                .ToList();

            return new Result(
                currency, days.Sum(d => d.Count), openLeads, openDeals?.Count ?? 0, Money.View(openDeals?.Sum ?? 0, currency)!,
                won?.Count ?? 0, Money.View(won?.Sum ?? 0, currency)!,
                response is { Count: > 0 } ? Math.Round(response.Average / 3600, 1) : null, response?.Count ?? 0,
                days, bySource, pipelineValue);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/dashboard", async Task<Ok<Result>> (Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(ct)))
        .RequirePermission(CrmPermissions.Read)
        .WithName("GetDashboard")
        .WithSummary("The CRM at a glance: leads per day and per source (30 days), open value per pipeline stage in the tenant's currency, average response time (lead arrival to first activity)");
}
