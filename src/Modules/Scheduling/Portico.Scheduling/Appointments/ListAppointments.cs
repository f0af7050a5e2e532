using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Scheduling.Appointments;

/// <summary>
/// The calendar's read: appointments overlapping a range (<c>from</c>, <c>to</c>), by start time, in keyset pages,
/// filtered by staff member, resource, status or contact.
/// </summary>
internal static class ListAppointments
{
    internal sealed record Query(DateTimeOffset? From, DateTimeOffset? To, Guid? StaffId, Guid? ResourceId, string? Status, Guid? ContactId, int? Limit, string? Cursor, string? Sort);

    private static readonly SortFields<Appointment> Sorts = new SortFields<Appointment>("startsAt").Add("startsAt", a => a.StartsAt).Add("createdAt", a => a.CreatedAt);

    [RequiresPermission(SchedulingPermissions.Read)]
    internal sealed class Handler(SchedulingDbContext db)
    {
        public async Task<Page<AppointmentView>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            if (query.Status is not null && !AppointmentStatuses.All.Contains(query.Status))
            {
                throw new BadRequestException($"status must be one of: {string.Join(", ", AppointmentStatuses.All)}.", "invalid-filter");
            }

            if (query.From is { } f && query.To is { } t && t <= f)
            {
                throw new BadRequestException("to must be after from.", "invalid-filter");
            }

            var appointments = db.Appointments.AsNoTracking().Include(a => a.Lines).AsQueryable();
            if (query.From is { } from)
            {
                appointments = appointments.Where(a => a.EndsAt > from);
            }

            if (query.To is { } to)
            {
                appointments = appointments.Where(a => a.StartsAt < to);
            }

            if (query.StaffId is { } staffId)
            {
                appointments = appointments.Where(a => a.StaffId == staffId);
            }

            if (query.ResourceId is { } resourceId)
            {
                appointments = appointments.Where(a => a.Lines.Any(l => l.ResourceId == resourceId));
            }

            if (query.Status is { } status)
            {
                appointments = appointments.Where(a => a.Status == status);
            }

            if (query.ContactId is { } contactId)
            {
                appointments = appointments.Where(a => a.ContactId == contactId);
            }

            return (await appointments.ToPageAsync(PageRequest.From(query.Limit, query.Cursor, query.Sort), Sorts, cancellationToken)).Map(a => AppointmentView.From(a));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/scheduling/appointments", async Task<Ok<Page<AppointmentView>>> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(query, ct)))
        .WithName("ListAppointments")
        .WithSummary("Appointments overlapping from…to, by start time, in keyset pages (filters: staffId, resourceId, status, contactId; sort: startsAt, createdAt)");
}

internal static class GetAppointment
{
    [RequiresPermission(SchedulingPermissions.Read)]
    internal sealed class Handler(SchedulingDbContext db)
    {
        public async Task<AppointmentView> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var appointment = await db.Appointments.AsNoTracking().Include(a => a.Lines).FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
                ?? throw new NotFoundException("Appointment", id);
            var history = await db.AppointmentStatusChanges.AsNoTracking().Where(h => h.AppointmentId == id).ToListAsync(cancellationToken);
            return AppointmentView.From(appointment, history);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/scheduling/appointments/{id:guid}", async Task<Ok<AppointmentView>> (Guid id, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, ct)))
        .WithName("GetAppointment")
        .WithSummary("An appointment: its services with the prices and times booked, client, deposit, notes and status history");
}
