using Portico.Kernel.Events;
using Portico.Scheduling.Contracts;

namespace Portico.Scheduling.Appointments;

/// <summary>The rules of an appointment's status and the events each change raises, shared by the API, the public links and the console.</summary>
internal static class AppointmentChanges
{
    public const string StatusCode = "appointment-status";

    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [AppointmentStatuses.Confirmed] = [AppointmentStatuses.Booked],
        [AppointmentStatuses.Completed] = [AppointmentStatuses.Booked, AppointmentStatuses.Confirmed],
        [AppointmentStatuses.NoShow] = [AppointmentStatuses.Booked, AppointmentStatuses.Confirmed],
        [AppointmentStatuses.Cancelled] = [AppointmentStatuses.Booked, AppointmentStatuses.Confirmed],
    };

    /// <summary>Moves the appointment to <paramref name="to"/> and records who did it; a change its status does not allow is a 409 <c>appointment-status</c>.</summary>
    public static void ChangeStatus(SchedulingDbContext db, Appointment appointment, string to, string actor, string? reason)
    {
        if (!Allowed[to].Contains(appointment.Status))
        {
            throw new ConflictException($"A {appointment.Status} appointment cannot become {to}.", StatusCode);
        }

        db.AppointmentStatusChanges.Add(new AppointmentStatusChange
        {
            TenantId = appointment.TenantId, AppointmentId = appointment.Id, FromStatus = appointment.Status, ToStatus = to, Actor = actor, Reason = reason,
        });
        appointment.Status = to;
    }

    /// <summary>A change of time, staff or resource is only for an appointment still ahead of the studio (booked or confirmed).</summary>
    public static void RequireOpen(Appointment appointment, string change)
    {
        if (!AppointmentStatuses.IsOpen(appointment.Status))
        {
            throw new ConflictException($"A {appointment.Status} appointment cannot be {change}.", StatusCode);
        }
    }

    public static EventContact? ContactOf(Appointment a) =>
        a.ClientEmail is null && a.ClientPhone is null ? null : new EventContact(a.ClientName, a.ClientEmail, a.ClientPhone, a.Locale);

    public static IReadOnlyList<AppointmentServiceInfo> ServicesOf(Appointment a) =>
        a.Lines.OrderBy(l => l.Position).Select(l => new AppointmentServiceInfo(l.ServiceId, l.Name, l.StartsAt, l.EndsAt)).ToList();

    public static AppointmentBooked Booked(Appointment a) =>
        new(a.Id, a.StaffId, a.ResourceId, a.StartsAt, a.EndsAt, ServicesOf(a), a.ContactId, ContactOf(a), a.Source);

    public static AppointmentCancelled Cancelled(Appointment a) =>
        new(a.Id, a.StaffId, a.StartsAt, a.EndsAt, a.CancellationReason, a.CancelledBy ?? "studio", a.ContactId, ContactOf(a));

    public static object StatusEvent(Appointment a) => a.Status switch
    {
        AppointmentStatuses.Completed => new AppointmentCompleted(a.Id, a.StaffId, a.StartsAt, a.EndsAt, a.ContactId, ContactOf(a)),
        AppointmentStatuses.NoShow => new AppointmentNoShow(a.Id, a.StaffId, a.StartsAt, a.EndsAt, a.ContactId, ContactOf(a)),
        AppointmentStatuses.Cancelled => Cancelled(a),
        _ => throw new InvalidOperationException($"No event for status {a.Status}."),
    };
}
