using System.Globalization;
using System.Linq.Expressions;
using Portico.Tenancy.Contracts;

namespace Portico.WorkOrders.Reports;

/// <summary>The period of a report as asked: <c>from</c> and <c>to</c> (days in the tenant's time zone, both included) and <c>groupBy</c>.</summary>
internal sealed record ReportQuery(DateOnly? From, DateOnly? To, string? GroupBy);

/// <summary>One bucket of a report: its first and last day (included), in the tenant's time zone.</summary>
internal sealed record ReportBucket(DateOnly Start, DateOnly End);

/// <summary>
/// A report's period: whole days in the tenant's time zone, at most <see cref="MaxDays"/>, the last 30 days by default,
/// cut into buckets of a day, an ISO week (Monday first) or a calendar month (the first and last clipped to the
/// period). Grouping by bucket happens in SQL on both providers without date functions: <see cref="Slot"/> in a
/// query's key becomes a balanced CASE over the buckets' starts as UTC instants (a handful of comparisons a row),
/// so daylight saving and half-hour zones bucket exactly, and the grouped rows are all that leave the database.
/// </summary>
internal sealed class ReportPeriod
{
    public const int MaxDays = 366;
    public const int DefaultDays = 30;

    public static readonly string[] Groupings = ["day", "week", "month"];

    private readonly DateTimeOffset[] _starts;

    private ReportPeriod(DateOnly from, DateOnly to, string groupBy, string timeZone, TimeZoneInfo zone)
    {
        From = from;
        To = to;
        GroupBy = groupBy;
        TimeZone = timeZone;
        var starts = new List<DateOnly> { from };
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (groupBy == "day" || (groupBy == "week" && day.DayOfWeek == DayOfWeek.Monday) || (groupBy == "month" && day.Day == 1))
            {
                starts.Add(day);
            }
        }

        Buckets = [.. starts.Select((s, i) => new ReportBucket(s, i + 1 < starts.Count ? starts[i + 1].AddDays(-1) : to))];
        _starts = [.. starts.Select(s => StartOf(s, zone))];
        Start = _starts[0];
        End = StartOf(to.AddDays(1), zone);
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public string GroupBy { get; }

    /// <summary>The IANA id the days are read in.</summary>
    public string TimeZone { get; }

    /// <summary>The first moment of the period (UTC).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The first moment after the period (UTC).</summary>
    public DateTimeOffset End { get; }

    public IReadOnlyList<ReportBucket> Buckets { get; }

    /// <summary>Checks the query against the tenant's time zone and today's date there (422 for a bad period or grouping).</summary>
    public static ReportPeriod Of(ReportQuery query, TenantProfile profile, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(profile.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var to = query.To ?? (query.From is { } start ? DateOnlyMin(start.AddDays(DefaultDays - 1), today) : today);
        var from = query.From ?? to.AddDays(-(DefaultDays - 1));
        var groupBy = string.IsNullOrWhiteSpace(query.GroupBy) ? "day" : query.GroupBy.Trim().ToLowerInvariant();
        new Rules()
            .Check(from <= to, "from", "must be on or before to.")
            .Check(to.DayNumber - from.DayNumber < MaxDays, "to", $"the period is at most {MaxDays} days.")
            .Check(Groupings.Contains(groupBy), "groupBy", "takes day, week or month.")
            .ThrowIfInvalid();
        return new ReportPeriod(from, to, groupBy, zone == TimeZoneInfo.Utc ? "UTC" : profile.TimeZone, zone);
    }

    private static DateOnly DateOnlyMin(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>Local midnight of a day in the zone as a UTC instant (a midnight skipped by a clock change: the first moment after it).</summary>
    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>
    /// A marker for query keys: the index of the bucket a moment of the period falls in. <see cref="Expand{T, TKey}"/>
    /// replaces it by SQL; it never runs.
    /// </summary>
    public static int Slot(DateTimeOffset at) => throw new InvalidOperationException("Only inside a query key expanded by ReportPeriod.Expand.");

    /// <summary>The key with every <see cref="Slot"/> replaced by a balanced conditional over the buckets' starts (parameters, not literals).</summary>
    public Expression<Func<T, TKey>> Expand<T, TKey>(Expression<Func<T, TKey>> key) => (Expression<Func<T, TKey>>)new SlotExpander(_starts).Visit(key);

    public string Label(int index) => Buckets[index].Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class SlotExpander(DateTimeOffset[] starts) : ExpressionVisitor
    {
        private static readonly System.Reflection.MethodInfo SlotMethod = typeof(ReportPeriod).GetMethod(nameof(Slot))!;

        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            node.Method == SlotMethod ? Tree(Visit(node.Arguments[0]), 0, starts.Length - 1) : base.VisitMethodCall(node);

        private Expression Tree(Expression at, int low, int high)
        {
            if (low == high)
            {
                return Expression.Constant(low);
            }

            var middle = (low + high + 1) / 2;
            // A member of a captured object, as a closure would be: EF Core sends it as a parameter.
            var boundary = Expression.Property(Expression.Constant(new Boundary(starts[middle])), nameof(Boundary.At));
            return Expression.Condition(Expression.LessThan(at, boundary), Tree(at, low, middle - 1), Tree(at, middle, high));
        }
    }

    private sealed class Boundary(DateTimeOffset at)
    {
        public DateTimeOffset At { get; } = at;
    }
}
