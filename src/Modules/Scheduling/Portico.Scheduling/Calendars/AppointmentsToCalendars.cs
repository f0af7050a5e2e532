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
        var ids = await db.CalendarConnections.Where(c => c.StaffId == staffId && c.Status == CalendarConnectionStatus.Active).Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            if (await db.CalendarConnections.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is not { Status: CalendarConnectionStatus.Active } connection)
            {
                continue;
            }

            var known = await LinkedEventAsync(id, draft.AppointmentId, cancellationToken);
            string? written = null;
            await CallAsync(connection, async (provider, token) =>
            {
                if (known is not null && await provider.PatchEventAsync(token, connection.ExternalCalendarId, known, draft, cancellationToken))
                {
                    return;
                }

                // No event yet, or its owner deleted it there: write it (again).
                written = await provider.InsertEventAsync(token, connection.ExternalCalendarId, draft, cancellationToken);
            }, async () =>
            {
                if (written is null)
                {
                    return;
                }

                var link = await db.CalendarEventLinks.FirstOrDefaultAsync(l => l.ConnectionId == id && l.AppointmentId == draft.AppointmentId, cancellationToken);
                if (link is null)
                {
                    db.CalendarEventLinks.Add(new CalendarEventLink { ConnectionId = id, AppointmentId = draft.AppointmentId, ExternalEventId = written });
                }
                else
                {
                    link.ExternalEventId = written;
                }
            }, cancellationToken);
        }
    }

    private async Task RemoveAsync(Guid staffId, Guid appointmentId, CancellationToken cancellationToken)
    {
        var connections = await db.CalendarConnections.Where(c => c.StaffId == staffId).Select(c => c.Id).ToListAsync(cancellationToken);
        var linked = await db.CalendarEventLinks.Where(l => l.AppointmentId == appointmentId && connections.Contains(l.ConnectionId))
            .Select(l => new { l.ConnectionId, l.ExternalEventId }).ToListAsync(cancellationToken);
        foreach (var link in linked)
        {
            db.ChangeTracker.Clear();
            var forget = async () => await db.CalendarEventLinks.Where(l => l.ConnectionId == link.ConnectionId && l.AppointmentId == appointmentId).ExecuteDeleteAsync(cancellationToken);
            var connection = await db.CalendarConnections.FirstOrDefaultAsync(c => c.Id == link.ConnectionId, cancellationToken);
            if (connection is not { Status: CalendarConnectionStatus.Active })
            {
                // The grant is gone: the event cannot be deleted there; forget it so a reconnect starts clean.
                await forget();
                continue;
            }

            await CallAsync(connection, (provider, token) => provider.DeleteEventAsync(token, connection.ExternalCalendarId, link.ExternalEventId, cancellationToken),
                async () => await forget(), cancellationToken);
        }
    }

    private Task<string?> LinkedEventAsync(Guid connectionId, Guid appointmentId, CancellationToken cancellationToken) =>
        db.CalendarEventLinks.Where(l => l.ConnectionId == connectionId && l.AppointmentId == appointmentId).Select(l => (string?)l.ExternalEventId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Runs one provider call, then records its outcome (<paramref name="record"/>) and saves it with any refreshed token.
    /// When a sync saved the connection in between, its row wins and only the outcome is recorded again. A refused grant
    /// marks the connection and moves on; a failure that may pass (network, 429, 5xx) is rethrown so the event comes again.
    /// </summary>
    private async Task CallAsync(CalendarConnection connection, Func<ICalendarProvider, string, Task> call, Func<Task> record, CancellationToken cancellationToken)
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
            await SaveAsync(async () => { }, cancellationToken);
            if (!reconnect && e is not CalendarApiException { Transient: false })
            {
                throw;
            }

            return;
        }

        await record();
        await SaveAsync(record, cancellationToken);
    }

    private async Task SaveAsync(Func<Task> again, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await again();
            await db.SaveChangesAsync(cancellationToken);
        }
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
