using System.Globalization;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Portico.Kernel.Events;
using Portico.Kernel.Mail;
using Portico.Scheduling.Appointments;
using Portico.Tenancy.Contracts;

namespace Portico.Scheduling.Booking;

/// <summary>Queue message: email the client about their appointment (confirmation, move or cancellation). Public because the message bus builds it.</summary>
/// <remarks><see cref="Kind"/>: 0 confirmation, 1 moved, 2 cancelled (a number: queue messages carry no text).</remarks>
public sealed record SendAppointmentMail(Guid TenantId, string TenantSlug, Guid AppointmentId, int Kind, int Revision);

/// <summary>Sends <see cref="SendAppointmentMail"/> from the durable queue, inside the appointment's tenant.</summary>
public sealed class AppointmentMailer(IServiceScopeFactory scopes) : IQueueHandler
{
    public const string Actor = "system:scheduling-mail";

    public Task HandleAsync(SendAppointmentMail message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return scopes.RunAsync(message.TenantId, message.TenantSlug, Actor,
            services => services.GetRequiredService<AppointmentMail>().SendAsync(message, cancellationToken));
    }
}

/// <summary>
/// The client's emails about an appointment, in their language (English or Russian), each with an <c>.ics</c>
/// (a <c>METHOD:REQUEST</c> invitation whose UID stays the same for the appointment, so a calendar updates the one
/// event when it moves; <c>METHOD:CANCEL</c> when it is cancelled) and the signed links to move or cancel it.
/// A message overtaken by a later change (its revision is older) is not sent: the later change sends its own.
/// </summary>
internal sealed class AppointmentMail(SchedulingDbContext db, ITenantProfiles profiles, BookingLinks links, IMailSender mail)
{
    public const int Confirmation = 0;
    public const int Rescheduled = 1;
    public const int Cancellation = 2;

    public async Task<bool> SendAsync(SendAppointmentMail message, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.AsNoTracking().Include(a => a.Lines).FirstOrDefaultAsync(a => a.Id == message.AppointmentId, cancellationToken);
        if (appointment?.ClientEmail is null || appointment.Revision != message.Revision
            || (message.Kind == Cancellation) != (appointment.Status == AppointmentStatuses.Cancelled))
        {
            return false;
        }

        var profile = await profiles.FindAsync(appointment.TenantId, cancellationToken);
        var staff = await db.Staff.AsNoTracking().Where(s => s.Id == appointment.StaffId).Select(s => s.DisplayName).FirstOrDefaultAsync(cancellationToken);
        await mail.SendAsync(Compose(appointment, message.Kind, profile?.Name ?? message.TenantSlug, staff ?? "", links.LinksFor(appointment.TenantId, appointment.Id)), cancellationToken);
        return true;
    }

    internal static OutgoingMail Compose(Appointment a, int kind, string studio, string staff, BookingLinks.Manage manage)
    {
        var ru = a.Locale == "ru";
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(a.TimeZone ?? "UTC", out var found) ? found : TimeZoneInfo.Utc;
        var culture = CultureInfo.GetCultureInfo(ru ? "ru-RU" : "en-GB");
        var local = TimeZoneInfo.ConvertTime(a.StartsAt, zone);
        var when = local.ToString(ru ? "d MMMM yyyy, HH:mm" : "dddd d MMMM yyyy, HH:mm", culture) + $" ({zone.Id})";
        var services = ServiceNames(a);
        var price = AppointmentView.Money(a.PriceMinor, a.Currency);
        var subject = (kind, ru) switch
        {
            (Cancellation, true) => $"Запись отменена: {services}, {when}",
            (Cancellation, false) => $"Appointment cancelled: {services}, {when}",
            (Rescheduled, true) => $"Запись перенесена: {services}, {when}",
            (Rescheduled, false) => $"Appointment moved: {services}, {when}",
            (_, true) => $"Вы записаны: {services}, {when}",
            _ => $"Your appointment is booked: {services}, {when}",
        };
        var text = new StringBuilder();
        text.Append(ru ? $"Здравствуйте, {a.ClientName}!\n\n" : $"Hello {a.ClientName},\n\n");
        text.Append((kind, ru) switch
        {
            (Cancellation, true) => $"Ваша запись в «{studio}» отменена.\n",
            (Cancellation, false) => $"Your appointment at {studio} is cancelled.\n",
            (Rescheduled, true) => $"Ваша запись в «{studio}» перенесена.\n",
            (Rescheduled, false) => $"Your appointment at {studio} has moved.\n",
            (_, true) => $"Вы записаны в «{studio}».\n",
            _ => $"You are booked at {studio}.\n",
        });
        text.Append(ru ? $"\nУслуги: {services}\nКогда: {when}\nМастер: {staff}\nСтоимость: {price.Amount} {price.Currency}\n"
            : $"\nServices: {services}\nWhen: {when}\nWith: {staff}\nPrice: {price.Amount} {price.Currency}\n");
        if (kind != Cancellation)
        {
            text.Append(ru ? $"\nПеренести запись: {manage.Reschedule}\nОтменить запись: {manage.Cancel}\n"
                : $"\nReschedule: {manage.Reschedule}\nCancel: {manage.Cancel}\n");
        }

        text.Append(ru ? "\nПриглашение для календаря во вложении.\n" : "\nThe calendar invitation is attached.\n");
        var method = kind == Cancellation ? "CANCEL" : "REQUEST";
        return new OutgoingMail(a.ClientEmail!, subject, text.ToString(), ToName: a.ClientName)
        {
            Attachments = [new MailAttachment(kind == Cancellation ? "cancel.ics" : "invite.ics", $"text/calendar; method={method}; charset=utf-8", Encoding.UTF8.GetBytes(Ics(a, method, studio, staff, services, manage)))],
        };
    }

    /// <summary>The appointment's services in order, as the emails and the calendar event name them.</summary>
    internal static string ServiceNames(Appointment a) => string.Join(", ", a.Lines.OrderBy(l => l.Position).Select(l => l.Name));

    /// <summary>One VEVENT: the UID is the appointment's, SEQUENCE its revision, so each update replaces the client's copy.</summary>
    internal static string Ics(Appointment a, string method, string studio, string staff, string services, BookingLinks.Manage manage)
    {
        var calendar = new Ical.Net.Calendar { Method = method, ProductId = "-//Portico//Scheduling//EN" };
        var vevent = new CalendarEvent
        {
            Uid = $"appointment-{a.Id:D}@portico",
            Summary = $"{services} — {studio}",
            Description = (staff.Length > 0 ? staff + "\n" : "") + manage.View,
            DtStart = new CalDateTime(a.StartsAt.UtcDateTime, "UTC"),
            DtEnd = new CalDateTime(a.EndsAt.UtcDateTime, "UTC"),
            DtStamp = new CalDateTime(DateTime.UtcNow, "UTC"),
            Sequence = a.Revision,
            Status = method == "CANCEL" ? "CANCELLED" : "CONFIRMED",
            Url = new Uri(manage.View),
        };
        calendar.Events.Add(vevent);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
