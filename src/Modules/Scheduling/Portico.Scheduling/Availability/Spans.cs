using NodaTime;

namespace Portico.Scheduling.Availability;

/// <summary>A half-open stretch of time [<see cref="Start"/>, <see cref="End"/>) in UTC ticks since 1970: what the sweeps work on.</summary>
internal readonly record struct Span(long Start, long End)
{
    public static Span Of(Instant start, Instant end) => new(start.ToUnixTimeTicks(), end.ToUnixTimeTicks());

    public static Span Of(Interval interval) => Of(interval.Start, interval.End);

    public bool IsEmpty => End <= Start;
}

/// <summary>
/// Sets of time as sorted lists of disjoint spans. Every operation is one linear sweep over sorted input, so an hour
/// costs the same as a minute: there is no per-minute loop anywhere in slot search.
/// </summary>
internal static class Spans
{
    private static readonly Comparison<Span> ByStart = (a, b) => a.Start.CompareTo(b.Start);

    /// <summary>Sorts and merges in place (touching or overlapping spans become one), dropping empty ones.</summary>
    public static List<Span> Normalize(List<Span> spans)
    {
        if (spans.Count <= 1)
        {
            spans.RemoveAll(s => s.IsEmpty);
            return spans;
        }

        spans.Sort(ByStart);
        var write = -1;
        for (var read = 0; read < spans.Count; read++)
        {
            var span = spans[read];
            if (span.IsEmpty)
            {
                continue;
            }

            if (write >= 0 && span.Start <= spans[write].End)
            {
                if (span.End > spans[write].End)
                {
                    spans[write] = spans[write] with { End = span.End };
                }
            }
            else
            {
                spans[++write] = span;
            }
        }

        spans.RemoveRange(write + 1, spans.Count - write - 1);
        return spans;
    }

    /// <summary><paramref name="from"/> without <paramref name="remove"/>; both normalized, the answer is too.</summary>
    public static List<Span> Subtract(List<Span> from, List<Span> remove)
    {
        if (remove.Count == 0 || from.Count == 0)
        {
            return from;
        }

        var result = new List<Span>(from.Count + 4);
        var j = 0;
        foreach (var span in from)
        {
            var cursor = span.Start;
            while (j < remove.Count && remove[j].End <= cursor)
            {
                j++;
            }

            for (var k = j; k < remove.Count && remove[k].Start < span.End; k++)
            {
                if (remove[k].Start > cursor)
                {
                    result.Add(new Span(cursor, remove[k].Start));
                }

                cursor = Math.Max(cursor, remove[k].End);
                if (cursor >= span.End)
                {
                    break;
                }
            }

            if (cursor < span.End)
            {
                result.Add(new Span(cursor, span.End));
            }
        }

        return result;
    }

    /// <summary>The part of a normalized set inside [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static List<Span> Clip(List<Span> spans, long start, long end)
    {
        var result = new List<Span>(spans.Count);
        foreach (var span in spans)
        {
            var s = Math.Max(span.Start, start);
            var e = Math.Min(span.End, end);
            if (s < e)
            {
                result.Add(new Span(s, e));
            }
        }

        return result;
    }
}
