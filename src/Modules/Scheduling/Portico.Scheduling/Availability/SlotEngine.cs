using NodaTime;
using NodaTime.TimeZones;

namespace Portico.Scheduling.Availability;

/// <summary>One service of the sequence being looked for: how long it takes (for this staff member), its buffers, the resource kind it needs.</summary>
internal sealed record ServiceStep(Guid ServiceId, Duration Duration, Duration BufferBefore, Duration BufferAfter, string? ResourceKind);

/// <summary>A candidate staff member: their zone and hours, what keeps them busy, and the services as they perform them.
/// <para><c>Booked</c>: Appointment blocks (buffers included): busy, and the measure of "least booked" for "any staff".</para>
/// <para><c>Busy</c>: Other busy time: time off, connected calendars' events.</para>
/// </summary>
internal sealed record StaffCandidate(Guid Id, DateTimeZone Zone, WorkPattern Pattern, IReadOnlyList<Interval> Booked, IReadOnlyList<Interval> Busy, IReadOnlyList<ServiceStep> Steps);

/// <summary>A resource of some kind with <c>UnitBusy.Count</c> units; no <see cref="Pattern"/> means always open.</summary>
internal sealed record ResourceCandidate(Guid Id, string Kind, DateTimeZone Zone, WorkPattern? Pattern, IReadOnlyList<IReadOnlyList<Interval>> UnitBusy);

/// <summary>Everything slot search reads, already loaded; <see cref="SlotEngine.Find"/> is a pure function of it.
/// <para><c>From</c>: The first start asked for (inclusive).</para>
/// <para><c>To</c>: The end of the range asked for: slots start before it.</para>
/// <para><c>OnePerStart</c>: "Any staff": one slot per start time, the least booked staff member that day (then the first in <see cref="Staff"/> order); otherwise every staff member's slots.</para>
/// </summary>
internal sealed record SlotQuery(
    Instant From,
    Instant To,
    DateTimeZone ClientZone,
    Instant Now,
    Duration MinimumNotice,
    Duration Horizon,
    Duration Step,
    IReadOnlyList<StaffCandidate> Staff,
    IReadOnlyList<ResourceCandidate> Resources,
    DateTimeZone TenantZone,
    IReadOnlyCollection<LocalDate> Holidays,
    bool OnePerStart);

/// <summary>One service of an offered slot: when it runs, what it blocks (buffers included), which resource unit it holds.</summary>
internal sealed record SlotPart(Guid ServiceId, Instant Start, Instant End, Instant BlockedFrom, Instant BlockedUntil, Guid? ResourceId, int? ResourceUnit);

/// <summary>An offered slot: the first service starts at <see cref="Start"/>, the last ends at <see cref="End"/> (buffers not included).</summary>
internal sealed record Slot(Instant Start, Instant End, Guid StaffId, Guid? ResourceId, int? ResourceUnit, IReadOnlyList<SlotPart> Parts);

/// <summary>The slots that start on one date of the client's zone.</summary>
internal sealed record SlotDay(LocalDate Date, IReadOnlyList<Slot> Slots);

/// <summary>
/// Free slots as a pure function over interval sets. For each staff member: working time (weekly hours or the
/// date's override, breaks out, in their own zone) minus tenant holidays (dates in the tenant's zone), time off,
/// outside busy time and appointment blocks. A start <c>t</c> is offered when the whole span the services block,
/// <c>[t − first buffer before, t + … + last buffer after)</c>, lies in one free stretch, and for each service that needs a
/// resource some unit of that kind is open and free over that service's blocked span (first fit, by resource order
/// then unit). Starts lie on the step grid of the staff member's wall clock (every 15 minutes from local midnight),
/// no sooner than now plus the minimum notice, and before now plus the horizon. Services in sequence follow each
/// other with their buffers between (<see cref="Layout"/>), which is also how bookings lay them out.
/// Cost: one sort and a few linear sweeps per staff member and resource unit, then a walk over the candidate starts.
/// </summary>
internal static class SlotEngine
{
    private readonly record struct PartOffset(Guid ServiceId, long Start, long End, long BlockedFrom, long BlockedUntil, string? Kind);

    /// <summary>
    /// Services one after another from <paramref name="start"/>: each begins when the previous one's buffer after and
    /// its own buffer before have passed, so the blocks (buffers included) touch and never overlap.
    /// </summary>
    public static IReadOnlyList<SlotPart> Layout(IReadOnlyList<ServiceStep> steps, Instant start) =>
        Offsets(steps).Select(o => new SlotPart(o.ServiceId, At(start, o.Start), At(start, o.End), At(start, o.BlockedFrom), At(start, o.BlockedUntil), null, null)).ToList();

    public static IReadOnlyList<SlotDay> Find(SlotQuery query)
    {
        if (query.Step <= Duration.Zero || query.Staff.Count == 0)
        {
            return [];
        }

        var step = query.Step.BclCompatibleTicks;
        var lower = Math.Max(query.From.ToUnixTimeTicks(), (query.Now + query.MinimumNotice).ToUnixTimeTicks());
        var upper = Math.Min(query.To.ToUnixTimeTicks(), (query.Now + query.Horizon).ToUnixTimeTicks());
        if (lower >= upper)
        {
            return [];
        }

        var holidays = Spans.Normalize(query.Holidays
            .Select(d => Span.Of(query.TenantZone.AtStartOfDay(d).ToInstant(), query.TenantZone.AtStartOfDay(d.PlusDays(1)).ToInstant())).ToList());

        // Resource units: open time minus their bookings, over a range wide enough for every staff member's span.
        var maxLead = query.Staff.Max(s => s.Steps.Count == 0 ? 0 : s.Steps[0].BufferBefore.BclCompatibleTicks);
        var maxTail = query.Staff.Max(s => Offsets(s.Steps) is { Count: > 0 } o ? o[^1].BlockedUntil : 0);
        var units = new Dictionary<string, List<(Guid Resource, int Unit, List<Span> Free)>>(StringComparer.Ordinal);
        foreach (var resource in query.Resources)
        {
            var open = resource.Pattern is null
                ? [new Span(lower - maxLead, upper + maxTail)]
                : resource.Pattern.WorkingTime(resource.Zone, DateOf(lower - maxLead, resource.Zone).PlusDays(-1), DateOf(upper + maxTail, resource.Zone));
            if (!units.TryGetValue(resource.Kind, out var list))
            {
                units[resource.Kind] = list = [];
            }

            for (var unit = 0; unit < resource.UnitBusy.Count; unit++)
            {
                list.Add((resource.Id, unit, Spans.Subtract(open, ToSpans(resource.UnitBusy[unit]))));
            }
        }

        var found = new List<(Slot Slot, int Order, long Load)>();
        var best = query.OnePerStart ? new Dictionary<long, int>() : null;
        for (var order = 0; order < query.Staff.Count; order++)
        {
            var staff = query.Staff[order];
            var offsets = Offsets(staff.Steps);
            if (offsets.Count == 0)
            {
                continue;
            }

            var lead = -offsets[0].BlockedFrom;
            var tail = offsets[^1].BlockedUntil;
            var booked = ToSpans(staff.Booked);
            var free = staff.Pattern.WorkingTime(staff.Zone, DateOf(lower - lead, staff.Zone).PlusDays(-1), DateOf(upper + tail, staff.Zone));
            free = Spans.Subtract(free, holidays);
            free = Spans.Subtract(free, booked);
            free = Spans.Subtract(free, ToSpans(staff.Busy));
            var load = query.OnePerStart ? LoadByDay(staff.Booked, query.ClientZone) : null;

            // One cursor per (service, unit): starts only grow, so each unit's free list is walked once per staff member.
            var candidates = offsets.Select(o => o.Kind is null ? null : units.GetValueOrDefault(o.Kind) ?? []).ToArray();
            var cursors = candidates.Select(c => c is null ? null : new int[c.Count]).ToArray();
            if (candidates.Any(c => c is { Count: 0 }))
            {
                continue;
            }

            var zoneInterval = staff.Zone.GetZoneInterval(Instant.FromUnixTimeTicks(lower));
            foreach (var stretch in free)
            {
                var first = Math.Max(stretch.Start + lead, lower);
                var last = Math.Min(stretch.End - tail, upper - 1);
                var t = AlignUp(first, step, staff.Zone, ref zoneInterval);
                for (; t <= last; t = AlignUp(t + step, step, staff.Zone, ref zoneInterval))
                {
                    var parts = Assign(t, offsets, candidates, cursors);
                    if (parts is null)
                    {
                        continue;
                    }

                    var start = Instant.FromUnixTimeTicks(t);
                    var slot = new Slot(start, At(start, offsets[^1].End), staff.Id, parts.FirstOrDefault(p => p.ResourceId is not null)?.ResourceId,
                        parts.FirstOrDefault(p => p.ResourceId is not null)?.ResourceUnit, parts);
                    var dayLoad = load is null ? 0 : load.GetValueOrDefault(start.InZone(query.ClientZone).Date);
                    if (best is null)
                    {
                        found.Add((slot, order, dayLoad));
                    }
                    else if (!best.TryGetValue(t, out var index))
                    {
                        best[t] = found.Count;
                        found.Add((slot, order, dayLoad));
                    }
                    else if (dayLoad < found[index].Load)
                    {
                        found[index] = (slot, order, dayLoad);
                    }
                }
            }
        }

        found.Sort((a, b) => a.Slot.Start != b.Slot.Start ? a.Slot.Start.CompareTo(b.Slot.Start) : a.Order.CompareTo(b.Order));
        var days = new List<SlotDay>();
        List<Slot>? current = null;
        LocalDate currentDate = default;
        foreach (var (slot, _, _) in found)
        {
            var date = slot.Start.InZone(query.ClientZone).Date;
            if (current is null || date != currentDate)
            {
                current = [];
                currentDate = date;
                days.Add(new SlotDay(date, current));
            }

            current.Add(slot);
        }

        return days;
    }

    /// <summary>The parts of a slot at <paramref name="t"/> with a free unit for each that needs one, or null.</summary>
    private static List<SlotPart>? Assign(long t, List<PartOffset> offsets, List<(Guid Resource, int Unit, List<Span> Free)>?[] candidates, int[]?[] cursors)
    {
        var parts = new List<SlotPart>(offsets.Count);
        for (var i = 0; i < offsets.Count; i++)
        {
            var o = offsets[i];
            Guid? resource = null;
            int? unit = null;
            if (candidates[i] is { } units)
            {
                var from = t + o.BlockedFrom;
                var until = t + o.BlockedUntil;
                var cursor = cursors[i]!;
                for (var u = 0; u < units.Count && resource is null; u++)
                {
                    var free = units[u].Free;
                    var k = cursor[u];
                    while (k < free.Count && free[k].End < until)
                    {
                        k++;
                    }

                    cursor[u] = k;
                    if (k < free.Count && free[k].Start <= from)
                    {
                        resource = units[u].Resource;
                        unit = units[u].Unit;
                    }
                }

                if (resource is null)
                {
                    return null;
                }
            }

            parts.Add(new SlotPart(o.ServiceId, Instant.FromUnixTimeTicks(t + o.Start), Instant.FromUnixTimeTicks(t + o.End),
                Instant.FromUnixTimeTicks(t + o.BlockedFrom), Instant.FromUnixTimeTicks(t + o.BlockedUntil), resource, unit));
        }

        return parts;
    }

    /// <summary>Each service's times relative to the slot's start, in ticks (the first service's blocked span starts at minus its buffer before).</summary>
    private static List<PartOffset> Offsets(IReadOnlyList<ServiceStep> steps)
    {
        var result = new List<PartOffset>(steps.Count);
        long start = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            if (i > 0)
            {
                start = result[i - 1].BlockedUntil + s.BufferBefore.BclCompatibleTicks;
            }

            var end = start + s.Duration.BclCompatibleTicks;
            result.Add(new PartOffset(s.ServiceId, start, end, start - s.BufferBefore.BclCompatibleTicks, end + s.BufferAfter.BclCompatibleTicks, s.ResourceKind));
        }

        return result;
    }

    /// <summary>The first start at or after <paramref name="ticks"/> on the step grid of the zone's wall clock.</summary>
    private static long AlignUp(long ticks, long step, DateTimeZone zone, ref ZoneInterval zoneInterval)
    {
        var instant = Instant.FromUnixTimeTicks(ticks);
        if (!zoneInterval.Contains(instant))
        {
            zoneInterval = zone.GetZoneInterval(instant);
        }

        var local = ticks + zoneInterval.WallOffset.Ticks;
        var remainder = ((local % step) + step) % step;
        return remainder == 0 ? ticks : ticks + (step - remainder);
    }

    private static Dictionary<LocalDate, long> LoadByDay(IReadOnlyList<Interval> booked, DateTimeZone zone)
    {
        var load = new Dictionary<LocalDate, long>();
        foreach (var block in booked)
        {
            var date = block.Start.InZone(zone).Date;
            load[date] = load.GetValueOrDefault(date) + (block.End - block.Start).BclCompatibleTicks;
        }

        return load;
    }

    private static List<Span> ToSpans(IReadOnlyList<Interval> intervals)
    {
        var spans = new List<Span>(intervals.Count);
        foreach (var interval in intervals)
        {
            spans.Add(Span.Of(interval));
        }

        return Spans.Normalize(spans);
    }

    private static LocalDate DateOf(long ticks, DateTimeZone zone) => Instant.FromUnixTimeTicks(ticks).InZone(zone).Date;

    private static Instant At(Instant start, long offset) => start + Duration.FromTicks(offset);
}
