using Portico.Kernel.Tenancy;
using Portico.Scheduling.Staff;

namespace Portico.Scheduling.Calendars;

/// <summary>A connected calendar as the API shows it: never its tokens or sync cursor.</summary>
internal sealed record CalendarConnectionView(
    Guid Id, Guid StaffId, string Provider, string? Account, string ExternalCalendarId, string Status, string? LastError, DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastSyncedAt, DateTimeOffset CreatedAt)
{
    public static CalendarConnectionView From(CalendarConnection c) =>
        new(c.Id, c.StaffId, c.Provider, c.Account, c.ExternalCalendarId, c.Status, c.LastError, c.LastErrorAt, c.LastSyncedAt, c.CreatedAt);
}

/// <summary>Whose calendars a caller may touch: a manager's (<c>scheduling.manage</c>) any staff member's, anyone else only their own.</summary>
internal static class CalendarAccess
{
    public static async Task<StaffMember> StaffAsync(SchedulingDbContext db, RequestContext context, Guid staffId, CancellationToken cancellationToken)
    {
        var staff = await db.FindStaffAsync(staffId, cancellationToken);
        if (!context.Can(SchedulingPermissions.Manage) && (staff.UserId is null || staff.UserId != context.UserId))
        {
            throw new ForbiddenException("Only the staff member themselves or a manager may change their calendar connections.", "not-own-calendar");
        }

        return staff;
    }

    public static async Task<CalendarConnection> ConnectionAsync(SchedulingDbContext db, RequestContext context, Guid staffId, Guid id, CancellationToken cancellationToken)
    {
        await StaffAsync(db, context, staffId, cancellationToken);
        return await db.CalendarConnections.FirstOrDefaultAsync(c => c.Id == id && c.StaffId == staffId, cancellationToken)
            ?? throw new NotFoundException("Calendar connection", id);
    }

    public static string Route(string path = "") => "/{tenant}/scheduling/staff/{staffId:guid}/calendars" + path;
}
