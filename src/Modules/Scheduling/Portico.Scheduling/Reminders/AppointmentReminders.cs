using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portico.Data.Events;
using Portico.Kernel.Events;
using Portico.Kernel.Mail;
using Portico.Kernel.Sms;
using Portico.Messaging.Contracts;
using Portico.Scheduling.Appointments;
using Portico.Tenancy.Contracts;

namespace Portico.Scheduling.Reminders;

/// <summary>Queue message: the reminder is due. Public because the message bus builds it.</summary>
public sealed record SendAppointmentReminder(Guid TenantId, string TenantSlug, Guid ReminderId, int Revision);

/// <summary>Fires <see cref="SendAppointmentReminder"/> from the durable scheduled queue, inside the appointment's tenant.</summary>
public sealed class AppointmentReminderJob(IServiceScopeFactory scopes) : IQueueHandler
{
    public const string Actor = "system:scheduling-reminders";

    public Task HandleAsync(SendAppointmentReminder message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return scopes.RunAsync(message.TenantId, message.TenantSlug, Actor,
            services => services.GetRequiredService<AppointmentReminders>().SendAsync(message, cancellationToken));
    }
}

/// <summary>
/// Reminders as durable scheduled messages: booking schedules one per offset of the tenant's settings (those still in
/// the future), a move replaces them, a cancellation removes them. When one fires it checks that the appointment is
/// still open and at the revision it was made for, and claims its row before sending, so it is never sent twice nor for
/// a cancelled or moved appointment, even when the bus restarts in between.
/// </summary>
internal sealed class AppointmentReminders(SchedulingDbContext db, Outbox outbox, ITenantProfiles profiles, IMailSender mail, ISmsSender sms, ITelegramReach telegram, TimeProvider clock)
{
    /// <summary>Replaces the appointment's unsent reminders with new ones for its current time (run inside the booking's transaction).</summary>
    public async Task PlanAsync(Appointment appointment, string tenantSlug, CancellationToken cancellationToken)
    {
        await CancelAsync(appointment.Id, cancellationToken);
        var settings = await db.ReminderSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new ReminderSettings();
        if (!settings.Enabled || (appointment.ClientEmail is null && appointment.ClientPhone is null))
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var offset in settings.Offsets.Distinct())
        {
            var due = appointment.StartsAt - TimeSpan.FromMinutes(offset);
            if (due <= now)
            {
                continue;
            }

            var reminder = new AppointmentReminder
            {
                TenantId = appointment.TenantId, AppointmentId = appointment.Id, OffsetMinutes = offset, DueAt = due, Revision = appointment.Revision, Channel = settings.Channel,
            };
            db.AppointmentReminders.Add(reminder);
            outbox.Schedule(new SendAppointmentReminder(appointment.TenantId, tenantSlug, reminder.Id, appointment.Revision), due);
        }
    }

    /// <summary>Removes the appointment's reminders not yet sent (a scheduled message that still fires finds nothing).</summary>
    public Task CancelAsync(Guid appointmentId, CancellationToken cancellationToken) =>
        db.AppointmentReminders.Where(r => r.AppointmentId == appointmentId && r.SentAt == null).ExecuteDeleteAsync(cancellationToken);

    public async Task<bool> SendAsync(SendAppointmentReminder message, CancellationToken cancellationToken)
    {
        var reminder = await db.AppointmentReminders.AsNoTracking().FirstOrDefaultAsync(r => r.Id == message.ReminderId, cancellationToken);
        var appointment = reminder is null ? null
            : await db.Appointments.AsNoTracking().Include(a => a.Lines).FirstOrDefaultAsync(a => a.Id == reminder.AppointmentId, cancellationToken);
        if (reminder is null || appointment is null || reminder.SentAt is not null || reminder.Revision != message.Revision
            || appointment.Revision != reminder.Revision || !AppointmentStatuses.IsOpen(appointment.Status) || appointment.StartsAt <= clock.GetUtcNow())
        {
            return false;
        }

        // Claimed first: a second delivery of the message (or a second instance) finds it taken.
        var now = clock.GetUtcNow();
        if (await db.AppointmentReminders.Where(r => r.Id == reminder.Id && r.SentAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.SentAt, now), cancellationToken) != 1)
        {
            return false;
        }

        try
        {
            var studio = (await profiles.FindAsync(appointment.TenantId, cancellationToken))?.Name ?? message.TenantSlug;
            await DeliverAsync(reminder.Channel, appointment, studio, cancellationToken);
            return true;
        }
        catch
        {
            // Not delivered: the queue retries it, and the retry must find it unclaimed.
            await db.AppointmentReminders.Where(r => r.Id == reminder.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.SentAt, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }
    }

    private async Task DeliverAsync(string channel, Appointment a, string studio, CancellationToken cancellationToken)
    {
        var ru = a.Locale == "ru";
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(a.TimeZone ?? "UTC", out var found) ? found : TimeZoneInfo.Utc;
        var when = TimeZoneInfo.ConvertTime(a.StartsAt, zone).ToString(ru ? "d MMMM yyyy, HH:mm" : "dddd d MMMM yyyy, HH:mm", CultureInfo.GetCultureInfo(ru ? "ru-RU" : "en-GB"));
        var services = string.Join(", ", a.Lines.OrderBy(l => l.Position).Select(l => l.Name));
        var text = ru ? $"Напоминаем: {services} в «{studio}», {when}." : $"Reminder: {services} at {studio}, {when}.";
        // Telegram reaches the client in the private chat where they shared their phone with one of the studio's bots;
        // without such a chat (or when they blocked the bot) the reminder goes by email or SMS.
        if (channel == ReminderSettings.Telegram && a.ClientPhone is not null && await telegram.SendToPhoneAsync(a.ClientPhone, text, cancellationToken))
        {
            return;
        }

        if (channel == ReminderSettings.Sms && a.ClientPhone is not null)
        {
            await sms.SendAsync(a.ClientPhone, text, cancellationToken);
        }
        else if (a.ClientEmail is not null)
        {
            await mail.SendAsync(new OutgoingMail(a.ClientEmail, ru ? $"Напоминание о записи: {when}" : $"Appointment reminder: {when}",
                (ru ? $"Здравствуйте, {a.ClientName}!\n\n" : $"Hello {a.ClientName},\n\n") + text + "\n", ToName: a.ClientName), cancellationToken);
        }
        else if (a.ClientPhone is not null)
        {
            await sms.SendAsync(a.ClientPhone, text, cancellationToken);
        }
    }
}
