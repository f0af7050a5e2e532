using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portico.Crm.Records;
using Portico.Kernel.Events;

namespace Portico.Crm.Activities;

/// <summary>
/// Puts a client's appointments on their contact's timeline: each <c>appointment.*</c> event that names a contact
/// becomes a <c>meeting</c> activity. The CRM reads the events' JSON by field name, so it needs nothing from the
/// Scheduling module; the activity takes the event's id, so a batch handed over again adds nothing twice.
/// </summary>
internal sealed class AppointmentTimeline(IServiceScopeFactory scopes) : IEventSubscriber
{
    public const string Subscriber = "crm.appointments";

    private static readonly Dictionary<string, (string En, string Ru)> Titles = new(StringComparer.Ordinal)
    {
        ["appointment.booked"] = ("Appointment booked", "Запись на приём"),
        ["appointment.rescheduled"] = ("Appointment moved", "Запись перенесена"),
        ["appointment.cancelled"] = ("Appointment cancelled", "Запись отменена"),
        ["appointment.completed"] = ("Appointment completed", "Визит состоялся"),
        ["appointment.no_show"] = ("Client did not come", "Клиент не пришёл"),
    };

    public string Name => Subscriber;

    public IReadOnlyCollection<string>? EventTypes => Titles.Keys;

    public async Task HandleAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            if (!e.Data.TryGetProperty("contactId", out var contact) || contact.ValueKind != JsonValueKind.String || !contact.TryGetGuid(out var contactId))
            {
                continue;
            }

            await scopes.RunForEventAsync(e, Subscriber, async services =>
            {
                var db = services.GetRequiredService<CrmDbContext>();
                if (await db.Activities.AnyAsync(a => a.Id == e.Id, cancellationToken) || !await db.Contacts.AnyAsync(c => c.Id == contactId, cancellationToken))
                {
                    return;
                }

                var russian = e.Contact?.Locale?.StartsWith("ru", StringComparison.Ordinal) == true;
                db.Activities.Add(ActivityOf(e, contactId, russian));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (ConflictException)
                {
                    // Written by an earlier delivery of the same event.
                }
            });
        }
    }

    private static Activity ActivityOf(IntegrationEvent e, Guid contactId, bool russian)
    {
        var title = Titles[e.Type];
        var startsAt = Time(e.Data, "startsAt");
        var services = e.Data.TryGetProperty("services", out var list) && list.ValueKind == JsonValueKind.Array
            ? string.Join(", ", list.EnumerateArray().Select(s => s.TryGetProperty("name", out var n) ? n.GetString() : null).OfType<string>())
            : null;
        var reason = e.Data.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var body = string.Join("\n", new[]
        {
            services is { Length: > 0 } ? (russian ? "Услуги: " : "Services: ") + services : null,
            startsAt is { } at ? (russian ? "Начало: " : "Starts: ") + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : null,
            reason is { Length: > 0 } ? (russian ? "Причина: " : "Reason: ") + reason : null,
            e.Data.TryGetProperty("appointmentId", out var id) ? (russian ? "Запись: " : "Appointment: ") + id.GetString() : null,
        }.OfType<string>());
        return new Activity
        {
            Id = e.Id,
            TenantId = e.TenantId,
            RecordType = RecordTypes.Contact,
            RecordId = contactId,
            Kind = "meeting",
            Subject = Truncate((russian ? title.Ru : title.En) + (services is { Length: > 0 } ? ": " + services : ""), 300),
            Body = Truncate(body, 20000),
            DueAt = startsAt,
            Done = e.Type is not ("appointment.booked" or "appointment.rescheduled"),
            DoneAt = e.Type is "appointment.booked" or "appointment.rescheduled" ? null : e.OccurredAt,
            Author = e.Actor.Length <= 200 ? e.Actor : "system:scheduling",
        };
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static DateTimeOffset? Time(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at) ? at : null;
}
