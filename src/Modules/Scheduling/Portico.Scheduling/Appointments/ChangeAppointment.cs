using Portico.Crm.Contracts;
using Portico.Kernel.Tenancy;
using Portico.Scheduling.Booking;

namespace Portico.Scheduling.Appointments;

/// <summary>Staff move an appointment to another time, staff member or resource; the move can never double-book either.</summary>
internal static class RescheduleAppointment
{
    internal sealed record Request(DateTimeOffset? StartsAt, Guid? StaffId, Guid? ResourceId, int? DurationMinutes = null);

    [RequiresPermission(SchedulingPermissions.Book)]
    internal sealed class Handler(AppointmentBooking booking, SchedulingDbContext db)
    {
        public async Task<AppointmentView> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
        {
            new Rules()
                .Check(request.StartsAt is not null || request.StaffId is not null || request.ResourceId is not null || request.DurationMinutes is not null, "startsAt", "give a new startsAt, staffId, resourceId or durationMinutes.")
                .Check(request.DurationMinutes is null or (>= 5 and <= 1440), "durationMinutes", "must be between 5 and 1440 minutes.")
                .Check(request.StartsAt is null || request.StartsAt.Value.Second == 0 && request.StartsAt.Value.Millisecond == 0, "startsAt", "must be a whole minute.")
                .ThrowIfInvalid();
            var appointment = await booking.RescheduleAsync(id, request.StartsAt, request.StaffId, request.ResourceId, publicOnly: false, cancellationToken, request.DurationMinutes);
            return AppointmentView.From(appointment, await db.AppointmentStatusChanges.AsNoTracking().Where(h => h.AppointmentId == id).ToListAsync(cancellationToken));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/scheduling/appointments/{id:guid}/reschedule", async Task<Ok<AppointmentView>> (Guid id, Request request, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, request, ct)))
        .WithName("RescheduleAppointment")
        .WithRequestExample(new { startsAt = "2026-12-07T12:00:00Z" })
        .WithSummary("Move a booked or confirmed appointment (new startsAt, staffId and/or resourceId) or change its length (durationMinutes, the whole appointment; the last service absorbs it); 409 staff-busy / resource-busy when the new time is taken, 409 appointment-status when it is closed");
}

/// <summary>Confirm, complete, mark a no-show or cancel; a change the status does not allow is a 409 <c>appointment-status</c>.</summary>
internal static class ChangeAppointmentStatus
{
    internal sealed record CancelRequest(string? Reason, bool? ByClient, bool? OverrideWindow);

    internal sealed record StatusRequest(string? Reason);

    [RequiresPermission(SchedulingPermissions.Book)]
    internal sealed class Handler(AppointmentBooking booking, SchedulingDbContext db, ClientBookingPolicy policy, TimeProvider clock)
    {
        public async Task<AppointmentView> ChangeAsync(Guid id, string to, string? reason, CancellationToken cancellationToken)
        {
            new Rules().Length(reason, "reason", 0, 1000).ThrowIfInvalid();
            var appointment = await db.FindAppointmentAsync(id, cancellationToken);
            await booking.ChangeStatusAsync(appointment, to, Blank(reason), null, clock.GetUtcNow(), cancellationToken);
            return await ViewAsync(appointment, cancellationToken);
        }

        /// <summary>
        /// Cancels. When staff record a client's own cancellation (<c>byClient</c>), the tenant's cancellation window applies
        /// unless they override it; the studio cancelling is always allowed.
        /// </summary>
        public async Task<AppointmentView> CancelAsync(Guid id, CancelRequest request, CancellationToken cancellationToken)
        {
            new Rules().Length(request.Reason, "reason", 0, 1000).ThrowIfInvalid();
            var now = clock.GetUtcNow();
            var appointment = await db.FindAppointmentAsync(id, cancellationToken);
            var byClient = request.ByClient == true;
            if (byClient && request.OverrideWindow != true)
            {
                await policy.CheckClientCancellationAsync(appointment, now, cancellationToken);
            }

            await booking.ChangeStatusAsync(appointment, AppointmentStatuses.Cancelled, Blank(request.Reason), byClient ? "client" : "studio", now, cancellationToken);
            return await ViewAsync(appointment, cancellationToken);
        }

        private async Task<AppointmentView> ViewAsync(Appointment appointment, CancellationToken cancellationToken) =>
            AppointmentView.From(appointment, await db.AppointmentStatusChanges.AsNoTracking().Where(h => h.AppointmentId == appointment.Id).ToListAsync(cancellationToken));

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        foreach (var (path, status, name, summary) in new[]
                 {
                     ("confirm", AppointmentStatuses.Confirmed, "ConfirmAppointment", "Confirm a booked appointment; 409 appointment-status otherwise"),
                     ("complete", AppointmentStatuses.Completed, "CompleteAppointment", "Mark a booked or confirmed appointment completed (appointment.completed); 409 appointment-status otherwise"),
                     ("no-show", AppointmentStatuses.NoShow, "MarkAppointmentNoShow", "Mark that the client did not come (appointment.no_show); 409 appointment-status otherwise"),
                 })
        {
            tenants.MapPost($"/{{tenant}}/scheduling/appointments/{{id:guid}}/{path}", async Task<Ok<AppointmentView>> (Guid id, StatusRequest? request, Handler handler, CancellationToken ct) =>
                    TypedResults.Ok(await handler.ChangeAsync(id, status, request?.Reason, ct)))
                .WithName(name)
                .WithSummary(summary);
        }

        tenants.MapPost("/{tenant}/scheduling/appointments/{id:guid}/cancel", async Task<Ok<AppointmentView>> (Guid id, CancelRequest? request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.CancelAsync(id, request ?? new CancelRequest(null, null, null), ct)))
            .WithName("CancelAppointment")
            .WithRequestExample(new { reason = "Клиент заболел", byClient = true })
            .WithSummary("Cancel with a reason; byClient applies the tenant's cancellation window (409 cancellation-window-passed) unless overrideWindow; frees the time (appointment.cancelled)");
    }
}

/// <summary>Notes and the CRM deal an appointment belongs to (a merge patch: absent fields stay, null clears).</summary>
internal static class UpdateAppointment
{
    /// <summary>The writable fields, for the API description; the body is read as a merge patch.</summary>
    internal sealed record Request(string? Notes, Guid? DealId);

    [RequiresPermission(SchedulingPermissions.Book)]
    internal sealed class Handler(SchedulingDbContext db, IClientContacts contacts)
    {
        public async Task<AppointmentView> HandleAsync(Guid id, System.Text.Json.JsonElement body, CancellationToken cancellationToken)
        {
            if (body.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                throw new BadRequestException("The body must be a JSON object: {\"notes\": \"...\", \"dealId\": \"...\"}.");
            }

            var appointment = await db.FindAppointmentAsync(id, cancellationToken);
            var rules = new Rules();
            foreach (var property in body.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "notes" when property.Value.ValueKind == System.Text.Json.JsonValueKind.Null:
                        appointment.Notes = null;
                        break;
                    case "notes" when property.Value.ValueKind == System.Text.Json.JsonValueKind.String:
                        var notes = property.Value.GetString()!.Trim();
                        rules.Length(notes, "notes", 0, 4000);
                        appointment.Notes = notes.Length == 0 ? null : notes;
                        break;
                    case "notes":
                        rules.Check(false, "notes", "must be a string or null.");
                        break;
                    case "dealId":
                        if (property.Value.ValueKind == System.Text.Json.JsonValueKind.Null)
                        {
                            appointment.DealId = null;
                        }
                        else if (property.Value.ValueKind == System.Text.Json.JsonValueKind.String && property.Value.TryGetGuid(out var dealId))
                        {
                            rules.Check(await contacts.DealExistsAsync(dealId, cancellationToken), "dealId", "is not a deal of this tenant.");
                            appointment.DealId = dealId;
                        }
                        else
                        {
                            rules.Check(false, "dealId", "must be a deal id or null.");
                        }

                        break;
                    default:
                        throw new BadRequestException($"Unknown field '{property.Name}'. Writable fields: notes, dealId.", "unknown-field");
                }
            }

            rules.ThrowIfInvalid();
            await db.SaveChangesAsync(cancellationToken);
            return AppointmentView.From(appointment, await db.AppointmentStatusChanges.AsNoTracking().Where(h => h.AppointmentId == id).ToListAsync(cancellationToken));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/scheduling/appointments/{id:guid}", async Task<Ok<AppointmentView>> (Guid id, System.Text.Json.JsonElement body, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, body, ct)))
        .Accepts<Request>("application/json")
        .WithName("UpdateAppointment")
        .WithRequestExample(new { notes = "Аллергия на латекс", dealId = "01938f4e-0000-7000-8000-000000000003" })
        .WithSummary("Change an appointment's notes or link it to a CRM deal (dealId; null unlinks)");
}
