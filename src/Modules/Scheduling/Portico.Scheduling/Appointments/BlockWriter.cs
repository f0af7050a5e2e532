using Npgsql;
using Portico.Catalog.Contracts;
using Portico.Scheduling.Staff;

namespace Portico.Scheduling.Appointments;

/// <summary>What to book: the services in order, who (null: anyone who performs them all), when the first one starts, and a resource if the caller chose one.</summary>
internal sealed record BookingPlanRequest(IReadOnlyList<Guid> ServiceIds, Guid? StaffId, DateTimeOffset StartsAt, Guid? ResourceId, bool PublicOnly);

/// <summary>
/// The one place that turns services and a start into lines and blocks, and writes them so that no staff member and no
/// unit of a resource is ever booked twice. Every write runs in a transaction that, on SQLite, begins with a write (so
/// it holds the database's write lock, and bookings are serialized) and then checks for overlaps; on PostgreSQL the same
/// check gives a precise answer in the common case and the exclusion constraints (<see cref="SchedulingSql"/>) decide
/// races, their violation (23P01) becoming the same 409.
/// </summary>
internal sealed class BlockWriter(SchedulingDbContext db, ICatalogServices catalog)
{
    public const string StaffBusyCode = "staff-busy";
    public const string ResourceBusyCode = "resource-busy";

    /// <summary>Starts the booking transaction; on SQLite it takes the write lock at once.</summary>
    public async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!db.IsPostgres)
        {
            // A write that changes nothing still makes this transaction the one writer until it commits.
            await db.Database.ExecuteSqlRawAsync("UPDATE scheduling_appointment_blocks SET active = active WHERE 0 = 1", cancellationToken);
        }

        return transaction;
    }

    /// <summary>The catalog's services in the requested order; 422 for unknown, archived or (on the public page) not bookable ones.</summary>
    public async Task<IReadOnlyList<BookableService>> ServicesAsync(IReadOnlyList<Guid> serviceIds, bool publicOnly, CancellationToken cancellationToken)
    {
        new Rules()
            .Check(serviceIds.Count is >= 1 and <= 10, "serviceIds", "must name 1 to 10 services.")
            .Check(serviceIds.Distinct().Count() == serviceIds.Count, "serviceIds", "must not repeat a service.")
            .ThrowIfInvalid();
        var found = (await catalog.FindAsync(serviceIds, cancellationToken)).ToDictionary(s => s.Id);
        var rules = new Rules();
        for (var i = 0; i < serviceIds.Count; i++)
        {
            var service = found.GetValueOrDefault(serviceIds[i]);
            rules.Check(service is not null, $"serviceIds[{i}]", "is not a service of this studio.")
                .Check(service is null || !service.Archived, $"serviceIds[{i}]", "is archived.")
                .Check(service is null || !publicOnly || service.OnlineBookable, $"serviceIds[{i}]", "cannot be booked online.");
        }

        rules.Check(found.Values.Select(s => s.Currency).Distinct().Count() <= 1, "serviceIds", "must all be priced in one currency.");
        rules.ThrowIfInvalid();
        return serviceIds.Select(id => found[id]).ToList();
    }

    /// <summary>Staff who may perform every one of the services (an empty staff list on a service means anyone).</summary>
    public static bool Performs(Guid staffId, IEnumerable<BookableService> services) =>
        services.All(s => s.Staff.Count == 0 || s.Staff.Any(x => x.StaffId == staffId));

    /// <summary>The staff members to try, in order: the one asked for, or every bookable one who performs the services.</summary>
    public async Task<IReadOnlyList<StaffMember>> CandidatesAsync(Guid? staffId, IReadOnlyList<BookableService> services, bool publicOnly, CancellationToken cancellationToken)
    {
        if (staffId is { } id)
        {
            var staff = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            new Rules()
                .Check(staff is not null, "staffId", "is not a staff member of this studio.")
                .Check(staff is null || staff.ArchivedAt is null, "staffId", "is archived.")
                .Check(staff is null || !publicOnly || staff.Bookable, "staffId", "cannot be booked online.")
                .Check(staff is null || Performs(staff.Id, services), "staffId", "does not perform every one of these services.")
                .ThrowIfInvalid();
            return [staff!];
        }

        var all = await db.Staff.AsNoTracking().Where(s => s.ArchivedAt == null && (!publicOnly || s.Bookable)).OrderBy(s => s.DisplayName).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var able = all.Where(s => Performs(s.Id, services)).ToList();
        if (able.Count == 0)
        {
            throw ValidationException.For("staffId", "No staff member performs every one of these services.");
        }

        return able;
    }

    /// <summary>
    /// Builds the lines of an appointment for one staff member: each service after the previous one's buffer, with its
    /// price and duration for that person, and a free resource unit where it needs one. Throws a 409 naming the conflict
    /// when the staff member or every unit is busy (checked against active blocks other than <paramref name="ignoreAppointmentId"/>'s).
    /// </summary>
    public async Task<List<AppointmentLine>> PlanAsync(
        StaffMember staff, IReadOnlyList<BookableService> services, DateTimeOffset startsAt, Guid? resourceId, Guid? ignoreAppointmentId, string locale, CancellationToken cancellationToken,
        int? lastDurationMinutes = null)
    {
        var lines = new List<AppointmentLine>();
        var cursor = startsAt;
        for (var i = 0; i < services.Count; i++)
        {
            var service = services[i];
            var own = service.Staff.FirstOrDefault(s => s.StaffId == staff.Id);
            // Staff resizing an appointment in the calendar give the last service its own length.
            var duration = i == services.Count - 1 && lastDurationMinutes is { } resized ? resized : own?.DurationMinutes ?? service.DurationMinutes;
            var start = i == 0 ? cursor : cursor + TimeSpan.FromMinutes(service.BufferBeforeMinutes);
            var line = new AppointmentLine
            {
                Position = i, ServiceId = service.Id, Name = NameOf(service, locale), PriceMinor = own?.PriceMinor ?? service.PriceMinor,
                PriceMaxMinor = own?.PriceMinor is null ? service.PriceMaxMinor : null, DepositMinor = service.DepositMinor ?? 0,
                DurationMinutes = duration, BufferBeforeMinutes = service.BufferBeforeMinutes, BufferAfterMinutes = service.BufferAfterMinutes,
                ResourceKind = service.ResourceKind, StartsAt = start, EndsAt = start + TimeSpan.FromMinutes(duration),
            };
            lines.Add(line);
            cursor = BlockedUntil(line);
        }

        var from = BlockedFrom(lines[0]);
        var until = BlockedUntil(lines[^1]);
        var staffClash = await Active(ignoreAppointmentId)
            .Where(b => b.StaffId == staff.Id && b.BlockedFrom < until && b.BlockedUntil > from)
            .OrderBy(b => b.BlockedFrom).FirstOrDefaultAsync(cancellationToken);
        if (staffClash is not null)
        {
            throw StaffBusy(staff, staffClash.BlockedFrom, staffClash.BlockedUntil);
        }

        foreach (var line in lines.Where(l => l.ResourceKind is not null))
        {
            (line.ResourceId, line.ResourceUnit) = await FreeUnitAsync(line, resourceId, ignoreAppointmentId, cancellationToken);
        }

        return lines;
    }

    public static DateTimeOffset BlockedFrom(AppointmentLine line) => line.StartsAt - TimeSpan.FromMinutes(line.BufferBeforeMinutes);

    public static DateTimeOffset BlockedUntil(AppointmentLine line) => line.EndsAt + TimeSpan.FromMinutes(line.BufferAfterMinutes);

    /// <summary>Adds the appointment's blocks (one per line, buffers included).</summary>
    public void AddBlocks(Appointment appointment)
    {
        foreach (var line in appointment.Lines)
        {
            db.AppointmentBlocks.Add(new AppointmentBlock
            {
                TenantId = appointment.TenantId, AppointmentId = appointment.Id, StaffId = appointment.StaffId, ResourceId = line.ResourceId,
                ResourceUnit = line.ResourceUnit, BlockedFrom = BlockedFrom(line), BlockedUntil = BlockedUntil(line),
            });
        }
    }

    /// <summary>Saves inside the booking transaction; the exclusion constraints' refusal is the same 409 the check gives.</summary>
    public static async Task SaveAsync(Func<Task> save, StaffMember staff, IReadOnlyList<AppointmentLine> lines)
    {
        try
        {
            await save();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation } pg)
        {
            var from = BlockedFrom(lines[0]);
            var until = BlockedUntil(lines[^1]);
            if (pg.ConstraintName == SchedulingSql.ResourceConstraint)
            {
                var line = lines.First(l => l.ResourceId is not null);
                throw new ConflictException(
                    $"The {line.ResourceKind} needed for '{line.Name}' was just booked by someone else from {At(BlockedFrom(line))} to {At(BlockedUntil(line))}. Pick another time.",
                    ResourceBusyCode);
            }

            throw StaffBusy(staff, from, until);
        }
    }

    private IQueryable<AppointmentBlock> Active(Guid? ignoreAppointmentId) =>
        db.AppointmentBlocks.AsNoTracking().Where(b => b.Active && (ignoreAppointmentId == null || b.AppointmentId != ignoreAppointmentId));

    private async Task<(Guid ResourceId, int Unit)> FreeUnitAsync(AppointmentLine line, Guid? chosen, Guid? ignoreAppointmentId, CancellationToken cancellationToken)
    {
        var from = BlockedFrom(line);
        var until = BlockedUntil(line);
        var resources = await db.Resources.AsNoTracking()
            .Where(r => r.Kind == line.ResourceKind && r.ArchivedAt == null && (chosen == null || r.Id == chosen))
            .OrderBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        if (resources.Count == 0)
        {
            throw ValidationException.For("resourceId", chosen is null
                ? $"'{line.Name}' needs a {line.ResourceKind}, and the studio has none."
                : $"is not a {line.ResourceKind} of this studio ('{line.Name}' needs one).");
        }

        var ids = resources.Select(r => r.Id).ToList();
        var taken = await Active(ignoreAppointmentId)
            .Where(b => b.ResourceId != null && ids.Contains(b.ResourceId.Value) && b.BlockedFrom < until && b.BlockedUntil > from)
            .Select(b => new { b.ResourceId, b.ResourceUnit }).ToListAsync(cancellationToken);
        foreach (var resource in resources)
        {
            for (var unit = 0; unit < Math.Max(1, resource.Capacity); unit++)
            {
                if (!taken.Any(t => t.ResourceId == resource.Id && t.ResourceUnit == unit))
                {
                    return (resource.Id, unit);
                }
            }
        }

        throw new ConflictException(
            $"No {line.ResourceKind} is free for '{line.Name}' from {At(from)} to {At(until)}{(resources.Count == 1 ? $" ('{resources[0].Name}' is booked)" : "")}. Pick another time.",
            ResourceBusyCode);
    }

    private static ConflictException StaffBusy(StaffMember staff, DateTimeOffset from, DateTimeOffset until) =>
        new($"{staff.DisplayName} (staff {staff.Id}) is already booked from {At(from)} to {At(until)}. Pick another time or staff member.", StaffBusyCode);

    private static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string NameOf(BookableService service, string locale) =>
        service.Name.TryGetValue(locale, out var name) && !string.IsNullOrWhiteSpace(name) ? name
        : service.Name.TryGetValue("en", out var en) && !string.IsNullOrWhiteSpace(en) ? en
        : service.Name.Values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "Service";
}
