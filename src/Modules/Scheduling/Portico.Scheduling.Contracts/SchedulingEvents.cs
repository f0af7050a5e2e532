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
