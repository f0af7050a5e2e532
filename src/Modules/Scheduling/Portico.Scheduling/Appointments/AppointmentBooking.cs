using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.Scheduling.Booking;
using Portico.Scheduling.Staff;
using Portico.Tenancy.Contracts;

namespace Portico.Scheduling.Appointments;

/// <summary>Everything a new appointment needs, however it was asked for (the API, the console, the public page).</summary>
internal sealed record BookingDraft(
    IReadOnlyList<Guid> ServiceIds, Guid? StaffId, DateTimeOffset StartsAt, Guid? ResourceId, string Source,
    Guid? ContactId, Guid? DealId, string? ClientName, string? ClientEmail, string? ClientPhone, string? Locale, string? TimeZone, string? Notes)
{
    public bool PublicOnly => Source == AppointmentSources.Public;
}

/// <summary>
/// Books and moves appointments: plans the lines (<see cref="BlockWriter"/>), writes appointment, lines, blocks, the
/// status history, the event and the confirmation email in one transaction that can never double-book.
/// </summary>
internal sealed class AppointmentBooking(
    SchedulingDbContext db, BlockWriter blocks, Outbox outbox, RequestContext context, ITenantProfiles profiles, Reminders.AppointmentReminders reminders)
{
    public async Task<TenantProfile> ProfileAsync(CancellationToken cancellationToken) =>
        await profiles.FindAsync(context.RequiredTenantId, cancellationToken) ?? throw new NotFoundException("Tenant", context.TenantSlug ?? "");

    /// <summary>Books the first free candidate; a start given with an offset (<c>+03:00</c>) is the same instant, kept in UTC.</summary>
    public async Task<Appointment> BookAsync(BookingDraft draft, CancellationToken cancellationToken)
    {
        var profile = await ProfileAsync(cancellationToken);
        var services = await blocks.ServicesAsync(draft.ServiceIds, draft.PublicOnly, cancellationToken);
        var candidates = await blocks.CandidatesAsync(draft.StaffId, services, draft.PublicOnly, cancellationToken);
        var locale = draft.Locale ?? profile.Locale;

        await using var transaction = await blocks.BeginAsync(cancellationToken);
        var (staff, lines) = await PlanFirstFreeAsync(candidates, services, draft.StartsAt.ToUniversalTime(), draft.ResourceId, null, profile.Locale, cancellationToken);
        var appointment = new Appointment
        {
            TenantId = context.RequiredTenantId, StaffId = staff.Id, StartsAt = lines[0].StartsAt, EndsAt = lines[^1].EndsAt, Source = draft.Source,
            ContactId = draft.ContactId, DealId = draft.DealId, ClientName = draft.ClientName, ClientEmail = draft.ClientEmail, ClientPhone = draft.ClientPhone,
            Locale = locale.StartsWith("ru", StringComparison.Ordinal) ? "ru" : "en", TimeZone = draft.TimeZone ?? profile.TimeZone, Notes = draft.Notes,
            Currency = services[0].Currency, PriceMinor = lines.Sum(l => l.PriceMinor), DepositMinor = lines.Sum(l => l.DepositMinor),
            ResourceId = lines.FirstOrDefault(l => l.ResourceId is not null)?.ResourceId,
        };
        foreach (var line in lines)
        {
            line.TenantId = appointment.TenantId;
            line.AppointmentId = appointment.Id;
            appointment.Lines.Add(line);
        }

        db.Appointments.Add(appointment);
        db.AppointmentStatusChanges.Add(new AppointmentStatusChange
        {
            TenantId = appointment.TenantId, AppointmentId = appointment.Id, ToStatus = AppointmentStatuses.Booked, Actor = context.Actor,
        });
        blocks.AddBlocks(appointment);
        outbox.Publish(AppointmentChanges.Booked(appointment));
        QueueMail(appointment, AppointmentMail.Confirmation);
        await reminders.PlanAsync(appointment, context.TenantSlug ?? "", cancellationToken);
        await BlockWriter.SaveAsync(() => outbox.SaveChangesAsync(db, cancellationToken), staff, lines);
        await CommitAsync(transaction, cancellationToken);
        return appointment;
    }

    /// <summary>Moves an open appointment to another start, staff member or resource; its old blocks give way to the new ones in the same transaction.</summary>
    public async Task<Appointment> RescheduleAsync(Guid id, DateTimeOffset? startsAt, Guid? staffId, Guid? resourceId, bool publicOnly, CancellationToken cancellationToken, int? durationMinutes = null)
    {
        var profile = await ProfileAsync(cancellationToken);
        await using var transaction = await blocks.BeginAsync(cancellationToken);
        var appointment = await db.FindAppointmentAsync(id, cancellationToken);
        AppointmentChanges.RequireOpen(appointment, "rescheduled");
        var ordered = appointment.Lines.OrderBy(l => l.Position).ToList();
        var services = await blocks.ServicesAsync(ordered.Select(l => l.ServiceId).ToList(), publicOnly, cancellationToken);
        var candidates = await blocks.CandidatesAsync(staffId ?? appointment.StaffId, services, publicOnly, cancellationToken);
        var (previousStaff, previousStart) = (appointment.StaffId, appointment.StartsAt);
        // A new total length (resizing in the calendar) lengthens or shortens the last service.
        int? lastDuration = durationMinutes is { } total ? ordered[^1].DurationMinutes + total - (int)(appointment.EndsAt - appointment.StartsAt).TotalMinutes : null;
        if (lastDuration is < 5)
        {
            throw ValidationException.For("durationMinutes", "is too short for the services before the last one.");
        }

        var (staff, lines) = await PlanFirstFreeAsync(
            candidates, services, startsAt?.ToUniversalTime() ?? appointment.StartsAt, resourceId, appointment.Id,
            profile.Locale, cancellationToken, lastDuration);

        await db.AppointmentBlocks.Where(b => b.AppointmentId == appointment.Id).ExecuteDeleteAsync(cancellationToken);
        for (var i = 0; i < ordered.Count; i++)
        {
            // The client keeps the price and name they booked; only times, staff duration and resources follow the move.
            var (line, plan) = (ordered[i], lines[i]);
            (line.StartsAt, line.EndsAt, line.DurationMinutes, line.ResourceId, line.ResourceUnit) = (plan.StartsAt, plan.EndsAt, plan.DurationMinutes, plan.ResourceId, plan.ResourceUnit);
        }

        appointment.StaffId = staff.Id;
        appointment.StartsAt = ordered[0].StartsAt;
        appointment.EndsAt = ordered[^1].EndsAt;
        appointment.ResourceId = ordered.FirstOrDefault(l => l.ResourceId is not null)?.ResourceId;
        appointment.Revision++;
        blocks.AddBlocks(appointment);
        outbox.Publish(new Contracts.AppointmentRescheduled(
            appointment.Id, appointment.StaffId, appointment.ResourceId, appointment.StartsAt, appointment.EndsAt, previousStaff, previousStart,
            AppointmentChanges.ServicesOf(appointment), appointment.ContactId, AppointmentChanges.ContactOf(appointment)));
        QueueMail(appointment, AppointmentMail.Rescheduled);
        await reminders.PlanAsync(appointment, context.TenantSlug ?? "", cancellationToken);
        await BlockWriter.SaveAsync(() => outbox.SaveChangesAsync(db, cancellationToken), staff, ordered);
        await CommitAsync(transaction, cancellationToken);
        return appointment;
    }

    /// <summary>Changes the status (confirm, complete, no-show, cancel); a cancelled appointment's blocks stop holding time.</summary>
    public async Task<Appointment> ChangeStatusAsync(Appointment appointment, string to, string? reason, string? cancelledBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        AppointmentChanges.ChangeStatus(db, appointment, to, context.Actor, reason);
        if (to == AppointmentStatuses.Cancelled)
        {
            (appointment.CancellationReason, appointment.CancelledBy, appointment.CancelledAt) = (reason, cancelledBy ?? "studio", now);
            appointment.Revision++;
            QueueMail(appointment, AppointmentMail.Cancellation);
        }

        if (to != AppointmentStatuses.Confirmed)
        {
            outbox.Publish(AppointmentChanges.StatusEvent(appointment));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (to == AppointmentStatuses.Cancelled)
        {
            await db.AppointmentBlocks.Where(b => b.AppointmentId == appointment.Id && b.Active).ExecuteUpdateAsync(s => s.SetProperty(b => b.Active, false), cancellationToken);
        }

        if (!AppointmentStatuses.IsOpen(to))
        {
            await reminders.CancelAsync(appointment.Id, cancellationToken);
        }

        await outbox.SaveChangesAsync(db, cancellationToken);
        await CommitAsync(transaction, cancellationToken);
        return appointment;
    }

    private async Task<(StaffMember Staff, List<AppointmentLine> Lines)> PlanFirstFreeAsync(
        IReadOnlyList<StaffMember> candidates, IReadOnlyList<Catalog.Contracts.BookableService> services, DateTimeOffset startsAt, Guid? resourceId, Guid? ignore,
        string locale, CancellationToken cancellationToken, int? lastDurationMinutes = null)
    {
        ConflictException? busy = null;
        foreach (var staff in candidates)
        {
            try
            {
                return (staff, await blocks.PlanAsync(staff, services, startsAt, resourceId, ignore, locale, cancellationToken, lastDurationMinutes));
            }
            catch (ConflictException conflict)
            {
                busy = conflict;
            }
        }

        throw candidates.Count == 1 ? busy! : new ConflictException(
            $"No staff member who performs these services is free at {startsAt.UtcDateTime:yyyy-MM-dd'T'HH:mm'Z'} (last: {busy!.Message})", busy.Code);
    }

    /// <summary>Emails the client (when they gave an address) after the commit, durably.</summary>
    private void QueueMail(Appointment appointment, int kind)
    {
        if (appointment.ClientEmail is not null)
        {
            outbox.Send(new SendAppointmentMail(appointment.TenantId, context.TenantSlug ?? "", appointment.Id, kind, appointment.Revision));
        }
    }

    // Wolverine commits the transaction itself when the save carried queued messages; otherwise it is ours to commit.
    private async Task CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
