using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Kernel.Events;
using Portico.Scheduling.Contracts;

namespace Portico.Scheduling.Calendars;

/// <summary>
/// Writes appointments to the staff member's connected calendars: <c>appointment.booked</c> inserts an event,
/// <c>.rescheduled</c> patches it (or moves it to the new staff member's calendars), <c>.cancelled</c> deletes it.
/// Delivery is at least once: the <see cref="CalendarEventLink"/> rows make a repeated booking write nothing new and a
/// repeated cancellation delete nothing twice, and the providers drop a retried insert (see the adapters). A provider
/// that refuses the grant puts the connection into <c>error</c> and is skipped; one that is briefly away throws, so
/// the batch comes again later.
/// </summary>
internal sealed class AppointmentsToCalendars(IServiceScopeFactory scopes) : IEventSubscriber
{
    public const string Subscriber = "scheduling.calendars";

    private static readonly string[] Types = ["appointment.booked", "appointment.rescheduled", "appointment.cancelled"];

    public string Name => Subscriber;

    public IReadOnlyCollection<string>? EventTypes => Types;

    public async Task HandleAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var integrationEvent in events)
        {
            await scopes.RunForEventAsync(integrationEvent, Subscriber,
                services => services.GetRequiredService<CalendarWriter>().HandleAsync(integrationEvent, cancellationToken));
        }
    }
}

/// <summary>One appointment event, written to one tenant's connected calendars (see <see cref="AppointmentsToCalendars"/>).</summary>
internal sealed class CalendarWriter(SchedulingDbContext db, CalendarTokens tokens, TimeProvider clock, ILogger<CalendarWriter> logger)
{
    public async Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        switch (integrationEvent.Type)
        {
            case "appointment.booked":
                var booked = integrationEvent.DataAs<AppointmentBooked>();
                await WriteAsync(booked.StaffId, Draft(booked.AppointmentId, booked.StartsAt, booked.EndsAt, booked.Services, booked.Contact), cancellationToken);
                break;
            case "appointment.rescheduled":
                var moved = integrationEvent.DataAs<AppointmentRescheduled>();
                if (moved.PreviousStaffId != moved.StaffId)
                {
                    await RemoveAsync(moved.PreviousStaffId, moved.AppointmentId, cancellationToken);
                }

                await WriteAsync(moved.StaffId, Draft(moved.AppointmentId, moved.StartsAt, moved.EndsAt, moved.Services, moved.Contact), cancellationToken);
                break;
            case "appointment.cancelled":
                var cancelled = integrationEvent.DataAs<AppointmentCancelled>();
                await RemoveAsync(cancelled.StaffId, cancelled.AppointmentId, cancellationToken);
                break;
        }
    }

    /// <summary>Inserts the event where the staff member's calendar has none for this appointment yet, patches it where it has.</summary>
    private async Task WriteAsync(Guid staffId, CalendarEventDraft draft, CancellationToken cancellationToken)
    {
        foreach (var connection in await ActiveConnectionsAsync(staffId, cancellationToken))
        {
            var link = await db.CalendarEventLinks.FirstOrDefaultAsync(l => l.ConnectionId == connection.Id && l.AppointmentId == draft.AppointmentId, cancellationToken);
            await CallAsync(connection, async (provider, token) =>
            {
                if (link is not null && await provider.PatchEventAsync(token, connection.ExternalCalendarId, link.ExternalEventId, draft, cancellationToken))
                {
                    return;
                }

                // No event yet, or its owner deleted it there: write it (again).
                var eventId = await provider.InsertEventAsync(token, connection.ExternalCalendarId, draft, cancellationToken);
                if (link is null)
                {
                    db.CalendarEventLinks.Add(new CalendarEventLink { ConnectionId = connection.Id, AppointmentId = draft.AppointmentId, ExternalEventId = eventId });
                }
                else
                {
                    link.ExternalEventId = eventId;
                }
            }, cancellationToken);
        }
    }

    private async Task RemoveAsync(Guid staffId, Guid appointmentId, CancellationToken cancellationToken)
    {
        var connections = await db.CalendarConnections.Where(c => c.StaffId == staffId).ToListAsync(cancellationToken);
        var ids = connections.Select(c => c.Id).ToList();
        var links = await db.CalendarEventLinks.Where(l => l.AppointmentId == appointmentId && ids.Contains(l.ConnectionId)).ToListAsync(cancellationToken);
        foreach (var link in links)
        {
            var connection = connections.First(c => c.Id == link.ConnectionId);
            if (connection.Status != CalendarConnectionStatus.Active)
            {
                // The grant is gone: the event cannot be deleted there; forget it so a reconnect starts clean.
                db.CalendarEventLinks.Remove(link);
                await db.SaveChangesAsync(cancellationToken);
                continue;
            }

            await CallAsync(connection, async (provider, token) =>
            {
                await provider.DeleteEventAsync(token, connection.ExternalCalendarId, link.ExternalEventId, cancellationToken);
                db.CalendarEventLinks.Remove(link);
            }, cancellationToken);
        }
    }

    private Task<List<CalendarConnection>> ActiveConnectionsAsync(Guid staffId, CancellationToken cancellationToken) =>
        db.CalendarConnections.Where(c => c.StaffId == staffId && c.Status == CalendarConnectionStatus.Active).ToListAsync(cancellationToken);

    /// <summary>
    /// Runs one provider call and saves at once (the link and any refreshed token). A refused grant marks the connection
    /// and moves on; a failure that may pass (network, 429, 5xx) is rethrown so the event comes again.
    /// </summary>
    private async Task CallAsync(CalendarConnection connection, Func<ICalendarProvider, string, Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await tokens.CallAsync(connection, call, cancellationToken);
        }
        catch (Exception e) when (CalendarSync.Failure(e) is not null && !cancellationToken.IsCancellationRequested)
        {
            var (reason, reconnect) = CalendarSync.Failure(e)!.Value;
            logger.LogWarning("Writing to calendar connection {ConnectionId} ({Provider}) failed: {Reason}", connection.Id, connection.Provider, reason);
            connection.Failed(reason, clock.GetUtcNow(), reconnect);
            await db.SaveChangesAsync(cancellationToken);
            if (!reconnect && e is not CalendarApiException { Transient: false })
            {
                throw;
            }

            return;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The event as the staff member sees it in their own calendar: the services and the client's name. The appointment's
    /// notes and the client's contact details stay in Portico.
    /// </summary>
    private static CalendarEventDraft Draft(Guid appointmentId, DateTimeOffset startsAt, DateTimeOffset endsAt, IReadOnlyList<AppointmentServiceInfo> services, EventContact? contact)
    {
        var what = services.Count == 0 ? "Appointment" : string.Join(", ", services.Select(s => s.Name));
        var summary = string.IsNullOrWhiteSpace(contact?.Name) ? what : $"{what}: {contact.Name}";
        return new CalendarEventDraft(appointmentId, summary.Length <= 250 ? summary : summary[..250], "Booked in Portico.", startsAt, endsAt);
    }
}
