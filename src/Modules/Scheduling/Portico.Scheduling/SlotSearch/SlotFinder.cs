using System.Globalization;
using NodaTime;
using Portico.Catalog.Contracts;
using Portico.Kernel.Tenancy;
using Portico.Scheduling.Availability;
using Portico.Scheduling.Settings;
using Portico.Scheduling.Staff;
using Portico.Tenancy.Contracts;

namespace Portico.Scheduling.SlotSearch;

/// <summary>What slot search is asked: the services in sequence, one staff member or anyone, client-zone dates.</summary>
/// <param name="ServiceIds">One to five services, performed one after another by the same staff member.</param>
/// <param name="StaffId">One staff member, or null for "any available staff".</param>
/// <param name="From">The first date (in <paramref name="TimeZone"/>).</param>
/// <param name="To">The last date, at most 62 days after <paramref name="From"/>.</param>
/// <param name="TimeZone">The client's IANA zone; null for the tenant's.</param>
/// <param name="PublicOnly">The public booking page: online-bookable services and bookable staff only.</param>
/// <param name="Moving">An appointment being moved: its own busy time does not count, so it can shift by less than its length.</param>
internal sealed record SlotRequest(IReadOnlyList<Guid> ServiceIds, Guid? StaffId, LocalDate From, LocalDate To, string? TimeZone, bool PublicOnly, Guid? Moving = null);

/// <summary>The answer: days of the client's zone with their slots.</summary>
internal sealed record SlotsView(string TimeZone, IReadOnlyList<SlotDayView> Days);

internal sealed record SlotDayView(string Date, IReadOnlyList<SlotView> Slots);

internal sealed record SlotView(DateTimeOffset Start, DateTimeOffset End, Guid StaffId, string StaffName, Guid? ResourceId);

/// <summary>
/// Loads what slot search needs in a fixed handful of statements, whatever the range or the staff count (services
/// from the Catalog; then staff, date overrides, time off, holidays, appointment blocks, outside busy time, resources,
/// the booking policy), and hands it to <see cref="SlotEngine"/>. Also answers "is this exact slot offered?" for bookings.
/// </summary>
internal sealed class SlotFinder(SchedulingDbContext db, ICatalogServices catalog, BookingPolicy policy, ITenantProfiles profiles, RequestContext request, TimeProvider clock, SlotCache cache)
{
    public const int MaxDays = 62;
    public const int MaxServices = 5;

    /// <summary>Slots over client-zone dates, grouped by day.</summary>
    public async Task<SlotsView> FindAsync(SlotRequest query, CancellationToken cancellationToken)
    {
        var tenantZone = await TenantZoneAsync(cancellationToken);
        var clientZone = query.TimeZone is null ? tenantZone : SetupRules.Zone(query.TimeZone);
        new Rules().Check(query.ServiceIds.Count is >= 1 and <= MaxServices && query.ServiceIds.All(id => id != Guid.Empty), "serviceIds", $"must name 1 to {MaxServices} services.")
            .Check(query.To >= query.From, "to", "must not be before from.")
            .Check(Period.Between(query.From, query.To, PeriodUnits.Days).Days < MaxDays, "to", $"must be at most {MaxDays} days after from.")
            .Check(clientZone is not null, "timeZone", "must be an IANA time zone such as Europe/Berlin.")
            .ThrowIfInvalid();
        var from = clientZone!.AtStartOfDay(query.From).ToInstant();
        var to = clientZone.AtStartOfDay(query.To.PlusDays(1)).ToInstant();
        var (slots, names) = await SearchAsync(query.ServiceIds, query.StaffId, from, to, clientZone, tenantZone, query.PublicOnly, query.Moving, reuse: true, cancellationToken);
        return new SlotsView(clientZone.Id, slots.Select(d => new SlotDayView(
            d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            d.Slots.Select(s => new SlotView(s.Start.InZone(clientZone).ToDateTimeOffset(), s.End.InZone(clientZone).ToDateTimeOffset(), s.StaffId, names[s.StaffId], s.ResourceId)).ToList())).ToList());
    }

    /// <summary>
    /// The slot offered at exactly <paramref name="start"/> for these services (with <paramref name="staffId"/>, or the
    /// staff member "any staff" would get), with each service's times and resource unit; null when it is not offered
    /// (taken, outside hours, off the step grid, too soon, too far ahead). Bookings call it before they write.
    /// </summary>
    public async Task<Slot?> FindOfferAsync(IReadOnlyList<Guid> serviceIds, Guid? staffId, DateTimeOffset start, bool publicOnly, CancellationToken cancellationToken)
    {
        if (serviceIds.Count is < 1 or > MaxServices)
        {
            return null;
        }

        var tenantZone = await TenantZoneAsync(cancellationToken);
        var at = Instant.FromDateTimeOffset(start);
        var (days, _) = await SearchAsync(serviceIds, staffId, at, at + Duration.FromTicks(1), tenantZone, tenantZone, publicOnly, moving: null, reuse: false, cancellationToken);
        return days.SelectMany(d => d.Slots).FirstOrDefault(s => s.Start == at);
    }

    // reuse: answer from the SlotCache when it holds this question for the current schedule (searches do; a booking's check never does).
    private async Task<(IReadOnlyList<SlotDay> Days, Dictionary<Guid, string> Names)> SearchAsync(
        IReadOnlyList<Guid> serviceIds, Guid? staffId, Instant from, Instant to, DateTimeZone clientZone, DateTimeZone tenantZone, bool publicOnly, Guid? moving, bool reuse,
        CancellationToken cancellationToken)
    {
        var version = cache.Version(request.RequiredTenantId);
        var found = await catalog.FindAsync(serviceIds.Distinct().ToList(), cancellationToken);
        var services = serviceIds.Select(id => found.FirstOrDefault(s => s.Id == id)).ToList();
        if (services.Any(s => s is null || s.Archived || (publicOnly && !s.OnlineBookable)))
        {
            throw new NotFoundException("Service", string.Join(",", serviceIds.Where(id => services.All(s => s?.Id != id || s.Archived || (publicOnly && !s.OnlineBookable)))));
        }

        // Who may perform every service (a service with no staff list is anyone's).
        HashSet<Guid>? eligible = null;
        foreach (var service in services)
        {
            if (service!.Staff.Count > 0)
            {
                var performers = service.Staff.Select(s => s.StaffId).ToHashSet();
                eligible = eligible is null ? performers : [.. eligible.Where(performers.Contains)];
            }
        }

        var key = reuse && cache.Enabled ? CacheKey(version, services!, staffId, from, to, clientZone, tenantZone, publicOnly, moving) : null;
        if (key is not null && cache.Find(key) is { } kept)
        {
            return (NotTooSoon(kept.Days, kept.MinimumNotice), kept.Names);
        }

        var staffQuery = db.Staff.AsNoTracking().Where(s => s.ArchivedAt == null);
        staffQuery = publicOnly ? staffQuery.Where(s => s.Bookable) : staffQuery;
        staffQuery = staffId is { } one ? staffQuery.Where(s => s.Id == one) : staffQuery;
        var staff = (await staffQuery.OrderBy(s => s.DisplayName).ThenBy(s => s.Id)
                .Select(s => new { s.Id, s.DisplayName, s.TimeZone, s.WeeklyHours, s.Breaks }).ToListAsync(cancellationToken))
            .Where(s => eligible is null || eligible.Contains(s.Id)).ToList();
        if (staffId is { } wanted && staff.Count == 0)
        {
            // Unknown, archived, not bookable on the page, or not performing these services: all the same to the caller.
            throw new NotFoundException("Staff member", wanted);
        }

        var policyTerms = await policy.CurrentAsync(cancellationToken);
        var names = staff.ToDictionary(s => s.Id, s => s.DisplayName);
        if (staff.Count == 0)
        {
            return ([], names);
        }

        // Busy time is read with two days of margin: buffers and long services reach over the range's edges.
        var lo = (from - Duration.FromDays(2)).ToDateTimeOffset();
        var hi = (to + Duration.FromDays(2)).ToDateTimeOffset();
        var firstDate = DateOnly.FromDateTime(lo.UtcDateTime);
        var lastDate = DateOnly.FromDateTime(hi.UtcDateTime);
        var staffIds = staff.Select(s => s.Id).ToList();
        var kinds = services.Select(s => s!.ResourceKind).OfType<string>().Distinct().ToList();
        var resources = kinds.Count == 0 ? [] : await db.Resources.AsNoTracking().Where(r => r.ArchivedAt == null && kinds.Contains(r.Kind))
            .OrderBy(r => r.Name).ThenBy(r => r.Id).Select(r => new { r.Id, r.Kind, r.Capacity, r.TimeZone, r.WeeklyHours, r.Breaks }).ToListAsync(cancellationToken);
        var resourceIds = resources.Select(r => (Guid?)r.Id).ToList();
        var ownerIds = staffIds.Concat(resources.Select(r => r.Id)).ToList();

        var overrides = (await db.DateOverrides.AsNoTracking().Where(o => ownerIds.Contains(o.OwnerId) && o.Date >= firstDate && o.Date <= lastDate)
                .Select(o => new { o.OwnerId, o.Date, o.Intervals }).ToListAsync(cancellationToken))
            .ToLookup(o => o.OwnerId);
        var timeOff = (await db.TimeOff.AsNoTracking().Where(t => staffIds.Contains(t.StaffId) && t.EndsAt > lo && t.StartsAt < hi)
            .Select(t => new { t.StaffId, t.StartsAt, t.EndsAt }).ToListAsync(cancellationToken)).ToLookup(t => t.StaffId, t => Between(t.StartsAt, t.EndsAt));
        var holidays = await db.Holidays.AsNoTracking().Where(h => h.Date >= firstDate && h.Date <= lastDate).Select(h => h.Date).ToListAsync(cancellationToken);
        var blocks = await db.AppointmentBlocks.AsNoTracking()
            .Where(b => b.Active && b.BlockedUntil > lo && b.BlockedFrom < hi && (staffIds.Contains(b.StaffId) || resourceIds.Contains(b.ResourceId)))
            .Where(b => moving == null || b.AppointmentId != moving)
            .Select(b => new { b.StaffId, b.ResourceId, b.ResourceUnit, b.BlockedFrom, b.BlockedUntil }).ToListAsync(cancellationToken);
        var external = (await db.ExternalBusyTimes.AsNoTracking().Where(e => staffIds.Contains(e.StaffId) && e.EndsAt > lo && e.StartsAt < hi)
            .Select(e => new { e.StaffId, e.StartsAt, e.EndsAt }).ToListAsync(cancellationToken)).ToLookup(e => e.StaffId, e => Between(e.StartsAt, e.EndsAt));

        var byStaff = blocks.ToLookup(b => b.StaffId, b => Between(b.BlockedFrom, b.BlockedUntil));
        var byResource = blocks.Where(b => b.ResourceId is not null).ToLookup(b => (b.ResourceId!.Value, b.ResourceUnit ?? 0), b => Between(b.BlockedFrom, b.BlockedUntil));

        WorkPattern Pattern(Guid owner, string hours, string breaks) => new(
            WorkPattern.Parse(WorkPattern.ReadWeek(hours)), WorkPattern.Parse(WorkPattern.ReadWeek(breaks)),
            overrides[owner].ToDictionary(o => LocalDate.FromDateOnly(o.Date), o => WorkPattern.Parse(WorkPattern.ReadRanges(o.Intervals))));

        var candidates = staff.Select(s => new StaffCandidate(
            s.Id, SetupRules.Zone(s.TimeZone) ?? tenantZone, Pattern(s.Id, s.WeeklyHours, s.Breaks), byStaff[s.Id].ToList(),
            [.. timeOff[s.Id], .. external[s.Id]],
            services.Select(service => new ServiceStep(
                service!.Id,
                Duration.FromMinutes(service.Staff.FirstOrDefault(p => p.StaffId == s.Id)?.DurationMinutes ?? service.DurationMinutes),
                Duration.FromMinutes(service.BufferBeforeMinutes), Duration.FromMinutes(service.BufferAfterMinutes), service.ResourceKind)).ToList())).ToList();
        var units = resources.Select(r => new ResourceCandidate(
            r.Id, r.Kind, SetupRules.Zone(r.TimeZone) ?? tenantZone,
            WorkPattern.ReadWeek(r.WeeklyHours).Count == 0 && !overrides[r.Id].Any() ? null : Pattern(r.Id, r.WeeklyHours, r.Breaks),
            Enumerable.Range(0, r.Capacity).Select(u => (IReadOnlyList<Interval>)byResource[(r.Id, u)].ToList()).ToList())).ToList();

        var days = SlotEngine.Find(new SlotQuery(
            from, to, clientZone, Instant.FromDateTimeOffset(clock.GetUtcNow()),
            Duration.FromMinutes(policyTerms.MinimumNoticeMinutes), Duration.FromDays(policyTerms.HorizonDays), Duration.FromMinutes(policyTerms.SlotStepMinutes),
            candidates, units, tenantZone, holidays.Select(LocalDate.FromDateOnly).ToList(), OnePerStart: staffId is null));
        if (key is not null)
        {
            cache.Keep(key, new SlotCache.Answer(days, names, Duration.FromMinutes(policyTerms.MinimumNoticeMinutes)));
        }

        return (days, names);
    }

    /// <summary>The question and everything it depends on outside the Scheduling module's own tables (those move the version).</summary>
    private string CacheKey(long version, IEnumerable<BookableService> services, Guid? staffId, Instant from, Instant to, DateTimeZone clientZone, DateTimeZone tenantZone, bool publicOnly, Guid? moving)
    {
        var key = new System.Text.StringBuilder(256).Append(CultureInfo.InvariantCulture, $"{request.RequiredTenantId:N}|{version}|{staffId}|{from.ToUnixTimeTicks()}|{to.ToUnixTimeTicks()}|{clientZone.Id}|{tenantZone.Id}|{publicOnly}|{moving}");
        foreach (var s in services)
        {
            key.Append(CultureInfo.InvariantCulture, $"|{s.Id:N}:{s.DurationMinutes}:{s.BufferBeforeMinutes}:{s.BufferAfterMinutes}:{s.ResourceKind}");
            foreach (var performer in s.Staff)
            {
                key.Append(CultureInfo.InvariantCulture, $",{performer.StaffId:N}:{performer.DurationMinutes}");
            }
        }

        return key.ToString();
    }

    /// <summary>A kept answer as of now: slots that have come inside the minimum notice since it was made are dropped.</summary>
    private List<SlotDay> NotTooSoon(IReadOnlyList<SlotDay> days, Duration notice)
    {
        var earliest = Instant.FromDateTimeOffset(clock.GetUtcNow()) + notice;
        return days.Select(d => d.Slots.Count > 0 && d.Slots[0].Start < earliest ? new SlotDay(d.Date, d.Slots.Where(s => s.Start >= earliest).ToList()) : d)
            .Where(d => d.Slots.Count > 0).ToList();
    }

    private async Task<DateTimeZone> TenantZoneAsync(CancellationToken cancellationToken) =>
        SetupRules.Zone((await profiles.FindAsync(request.RequiredTenantId, cancellationToken))?.TimeZone) ?? DateTimeZone.Utc;

    private static Interval Between(DateTimeOffset start, DateTimeOffset end) =>
        new(Instant.FromDateTimeOffset(start), Instant.Max(Instant.FromDateTimeOffset(start), Instant.FromDateTimeOffset(end)));
}
