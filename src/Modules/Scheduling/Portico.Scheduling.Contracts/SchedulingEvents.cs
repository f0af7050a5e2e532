using Portico.Kernel.Events;

namespace Portico.Scheduling.Contracts;

/// <summary>One service of an appointment, in the order they are performed.</summary>
public sealed record AppointmentServiceInfo(Guid ServiceId, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>
/// An appointment was booked (by staff in the console, through the API, or by a client on the public page). Real time:
/// <c>appointment-booked</c>, in the tenant's room and <c>staff:{id}</c>.
/// </summary>
[EventType("appointment.booked", RealtimeName = "appointment-booked", Description = "An appointment was booked by staff, through the API or by a client on the booking page.")]
public sealed record AppointmentBooked(
    Guid AppointmentId, Guid StaffId, Guid? ResourceId, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    IReadOnlyList<AppointmentServiceInfo> Services, Guid? ContactId, EventContact? Contact, string Source) : IContactEvent, IRoomScopedEvent
{
    public IEnumerable<string> Rooms => [$"staff:{StaffId:D}"];
}

/// <summary>An appointment moved (another time, staff member or resource). Real time: <c>appointment-rescheduled</c>.</summary>
[EventType("appointment.rescheduled", RealtimeName = "appointment-rescheduled", Description = "An appointment moved to another time, staff member or resource.")]
public sealed record AppointmentRescheduled(
    Guid AppointmentId, Guid StaffId, Guid? ResourceId, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    Guid PreviousStaffId, DateTimeOffset PreviousStartsAt, IReadOnlyList<AppointmentServiceInfo> Services, Guid? ContactId, EventContact? Contact)
    : IContactEvent, IRoomScopedEvent
{
    public IEnumerable<string> Rooms => PreviousStaffId == StaffId ? [$"staff:{StaffId:D}"] : [$"staff:{StaffId:D}", $"staff:{PreviousStaffId:D}"];
}

/// <summary>An appointment was cancelled, by the studio or by the client. Real time: <c>appointment-cancelled</c>.</summary>
[EventType("appointment.cancelled", RealtimeName = "appointment-cancelled", Description = "An appointment was cancelled by the studio or the client, with the reason.")]
public sealed record AppointmentCancelled(
    Guid AppointmentId, Guid StaffId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Reason, string CancelledBy, Guid? ContactId, EventContact? Contact)
    : IContactEvent, IRoomScopedEvent
{
    public IEnumerable<string> Rooms => [$"staff:{StaffId:D}"];
}

/// <summary>An appointment took place. Real time: <c>appointment-completed</c>.</summary>
[EventType("appointment.completed", RealtimeName = "appointment-completed", Description = "An appointment took place and was marked completed.")]
public sealed record AppointmentCompleted(Guid AppointmentId, Guid StaffId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid? ContactId, EventContact? Contact)
    : IContactEvent, IRoomScopedEvent
{
    public IEnumerable<string> Rooms => [$"staff:{StaffId:D}"];
}

/// <summary>The client did not come. Real time: <c>appointment-no-show</c>.</summary>
[EventType("appointment.no_show", RealtimeName = "appointment-no-show", Description = "The client did not come to an appointment.")]
public sealed record AppointmentNoShow(Guid AppointmentId, Guid StaffId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid? ContactId, EventContact? Contact)
    : IContactEvent, IRoomScopedEvent
{
    public IEnumerable<string> Rooms => [$"staff:{StaffId:D}"];
}
