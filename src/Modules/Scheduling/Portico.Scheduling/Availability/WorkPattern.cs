using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Portico.Scheduling.Availability;

/// <summary>
/// A stretch of a weekday in wall-clock time, as the API and the stored hours write it: <c>{ "day": "monday",
/// "start": "09:00", "end": "18:00" }</c>. An end at or before the start runs into the next day (a night shift
/// <c>22:00</c>–<c>04:00</c>; <c>00:00</c>–<c>00:00</c> is the whole day).
/// </summary>
internal sealed record DayHours(string Day, string Start, string End);

/// <summary>A stretch of one date in wall-clock time, for date overrides (<c>{ "start": "10:00", "end": "14:00" }</c>).</summary>
internal sealed record TimeRange(string Start, string End);

/// <summary>A parsed weekly interval.</summary>
internal readonly record struct WeeklyInterval(IsoDayOfWeek Day, LocalTime Start, LocalTime End);

/// <summary>A parsed stretch of one date.</summary>
internal readonly record struct LocalRange(LocalTime Start, LocalTime End);

/// <summary>
/// When someone (or something) works, in wall-clock time of their own zone: the weekly hours, the weekly breaks, and
/// dates that differ (an override replaces that date's hours and breaks; an empty one closes the date).
/// </summary>
internal sealed class WorkPattern
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly LocalTimePattern Clock = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static readonly IReadOnlyList<string> DayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private readonly List<LocalRange>[] _hours = NewWeek();
    private readonly List<LocalRange>[] _breaks = NewWeek();

    public WorkPattern(IEnumerable<WeeklyInterval> hours, IEnumerable<WeeklyInterval> breaks, IReadOnlyDictionary<LocalDate, IReadOnlyList<LocalRange>>? overrides = null)
    {
        foreach (var h in hours)
        {
            _hours[(int)h.Day].Add(new LocalRange(h.Start, h.End));
        }

        foreach (var b in breaks)
        {
            _breaks[(int)b.Day].Add(new LocalRange(b.Start, b.End));
        }

        Overrides = overrides ?? new Dictionary<LocalDate, IReadOnlyList<LocalRange>>();
    }

    public IReadOnlyDictionary<LocalDate, IReadOnlyList<LocalRange>> Overrides { get; }

    /// <summary>Working time of the dates <paramref name="first"/> … <paramref name="last"/> in <paramref name="zone"/>, breaks taken out, as a normalized set.</summary>
    public List<Span> WorkingTime(DateTimeZone zone, LocalDate first, LocalDate last)
    {
        var work = new List<Span>();
        var breaks = new List<Span>();
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            if (Overrides.TryGetValue(date, out var special))
            {
                foreach (var range in special)
                {
                    work.Add(ToSpan(zone, date, range));
                }

                continue;
            }

            foreach (var range in _hours[(int)date.DayOfWeek])
            {
                work.Add(ToSpan(zone, date, range));
            }

            foreach (var range in _breaks[(int)date.DayOfWeek])
            {
                breaks.Add(ToSpan(zone, date, range));
            }
        }

        return Spans.Subtract(Spans.Normalize(work), Spans.Normalize(breaks));
    }

    /// <summary>
    /// A wall-clock range of a date as instants. A time the clocks skip (02:30 on the spring-forward night) moves
    /// forward by the gap, a time they pass twice is the earlier of the two (NodaTime's lenient resolver): a 09:00–18:00
    /// day is 09:00–18:00 on the clocks whatever the date.
    /// </summary>
    public static Span ToSpan(DateTimeZone zone, LocalDate date, LocalRange range)
    {
        var start = zone.AtLeniently(date + range.Start).ToInstant();
        var endDate = range.End <= range.Start ? date.PlusDays(1) : date;
        var end = zone.AtLeniently(endDate + range.End).ToInstant();
        return Span.Of(start, end);
    }

    private static List<LocalRange>[] NewWeek()
    {
        var week = new List<LocalRange>[8];
        for (var i = 0; i < week.Length; i++)
        {
            week[i] = [];
        }

        return week;
    }

    // ---- the written form (API and storage) ----

    public static string Store(IReadOnlyList<DayHours> hours) => JsonSerializer.Serialize(hours, Json);

    public static string Store(IReadOnlyList<TimeRange> ranges) => JsonSerializer.Serialize(ranges, Json);

    public static IReadOnlyList<DayHours> ReadWeek(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<DayHours[]>(json, Json) ?? [];

    public static IReadOnlyList<TimeRange> ReadRanges(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<TimeRange[]>(json, Json) ?? [];

    public static IEnumerable<WeeklyInterval> Parse(IEnumerable<DayHours> hours) =>
        hours.Select(h => new WeeklyInterval(ParseDay(h.Day)!.Value, ParseTime(h.Start)!.Value, ParseTime(h.End)!.Value));

    public static IReadOnlyList<LocalRange> Parse(IEnumerable<TimeRange> ranges) =>
        ranges.Select(r => new LocalRange(ParseTime(r.Start)!.Value, ParseTime(r.End)!.Value)).ToList();

    public static IsoDayOfWeek? ParseDay(string? day)
    {
        var index = day is null ? -1 : DayNames.ToList().IndexOf(day.ToLowerInvariant());
        return index < 0 ? null : (IsoDayOfWeek)(index + 1);
    }

    public static LocalTime? ParseTime(string? time) =>
        time is { Length: 5 } && Clock.Parse(time) is { Success: true } parsed ? parsed.Value : null;

    public static string Format(LocalTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A week of intervals: known days, <c>HH:mm</c> times, at most 50, none overlapping another (night shifts included, Sunday night into Monday too).</summary>
    public static Rules CheckWeek(Rules rules, IReadOnlyList<DayHours>? week, string field)
    {
        if (week is null)
        {
            return rules;
        }

        rules.Check(week.Count <= 50, field, "must be at most 50 intervals.");
        var ranges = new List<(int From, int To, int Index)>();
        for (var i = 0; i < week.Count; i++)
        {
            var item = week[i];
            var day = ParseDay(item?.Day);
            var start = ParseTime(item?.Start);
            var end = ParseTime(item?.End);
            rules.Check(day is not null, $"{field}[{i}].day", "must be a day of the week (monday … sunday).")
                .Check(start is not null, $"{field}[{i}].start", "must be a time HH:mm.")
                .Check(end is not null, $"{field}[{i}].end", "must be a time HH:mm.");
            if (day is { } d && start is { } s && end is { } e)
            {
                var from = (((int)d - 1) * 1440) + (s.Hour * 60) + s.Minute;
                var length = ((e.Hour * 60) + e.Minute) - ((s.Hour * 60) + s.Minute);
                ranges.Add((from, from + (length <= 0 ? length + 1440 : length), i));
            }
        }

        ranges.Sort((a, b) => a.From.CompareTo(b.From));
        for (var i = 0; i < ranges.Count; i++)
        {
            var next = i + 1 < ranges.Count ? ranges[i + 1].From : ranges[0].From + 10080;
            rules.Check(ranges.Count == 1 || ranges[i].To <= next, $"{field}[{ranges[i].Index}]", "overlaps another interval.");
        }

        return rules;
    }

    /// <summary>One date's intervals: <c>HH:mm</c> times, at most 10, none overlapping.</summary>
    public static Rules CheckRanges(Rules rules, IReadOnlyList<TimeRange>? ranges, string field)
    {
        if (ranges is null)
        {
            return rules;
        }

        rules.Check(ranges.Count <= 10, field, "must be at most 10 intervals.");
        var parsed = new List<(int From, int To, int Index)>();
        for (var i = 0; i < ranges.Count; i++)
        {
            var start = ParseTime(ranges[i]?.Start);
            var end = ParseTime(ranges[i]?.End);
            rules.Check(start is not null, $"{field}[{i}].start", "must be a time HH:mm.")
                .Check(end is not null, $"{field}[{i}].end", "must be a time HH:mm.");
            if (start is { } s && end is { } e)
            {
                var from = (s.Hour * 60) + s.Minute;
                var length = ((e.Hour * 60) + e.Minute) - from;
                parsed.Add((from, from + (length <= 0 ? length + 1440 : length), i));
            }
        }

        parsed.Sort((a, b) => a.From.CompareTo(b.From));
        for (var i = 1; i < parsed.Count; i++)
        {
            rules.Check(parsed[i - 1].To <= parsed[i].From, $"{field}[{parsed[i].Index}]", "overlaps another interval.");
        }

        return rules;
    }
}
