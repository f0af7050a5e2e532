using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Portico.Catalog.Contracts;
using Portico.Crm.Contracts;
using Portico.Kernel.Events;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;
using Portico.Scheduling.Appointments;
using Portico.Scheduling.Availability;
using Portico.Scheduling.Reminders;
using Portico.Scheduling.Resources;
using Portico.Scheduling.Staff;

namespace Portico.Scheduling.Demo;

/// <summary>
/// The demo studio (<c>demo-studio</c>, salon «Лаванда», Moscow) gets its people and a busy week: a stylist, a nail
/// artist and a tattoo artist working Monday to Saturday with a lunch break, three chairs and a tattoo room, the
/// Catalog's services assigned by their tags, and appointments from today for a week, booked through the same use
/// case as the console (so blocks, events and reminders are real). Runs after the Catalog's menu; a studio that already
/// has staff is left alone.
/// </summary>
internal sealed class SchedulingDemoSeeder(IServiceScopeFactory scopes, ITenantDirectory tenants, TimeProvider clock) : IDemoSeeder
{
    private const string Slug = "demo-studio";
    private const string Zone = "Europe/Moscow";

    private sealed record Person(string Name, string Color, string Tag, string Bio);

    private static readonly Person[] People =
    [
        new("Ольга Смирнова", "#7E57C2", "hair", "Стилист-колорист, 12 лет в профессии."),
        new("Мария Козлова", "#EC407A", "nails", "Мастер маникюра и педикюра."),
        new("Алексей Волков", "#455A64", "tattoo", "Тату-мастер: графика, минимализм, надписи."),
    ];

    /// <summary>The CRM's demo clients who come this week.</summary>
    private const int Clients = 12;

    private static readonly string[] WorkingDays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    public int Order => 36;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await tenants.FindBySlugAsync(Slug, cancellationToken) is not { } tenant)
        {
            return;
        }

        var staffIds = new List<(Guid Id, string Tag)>();
        IReadOnlyList<BookableService> services = [];
        IReadOnlyList<ClientContact> clients = [];
        await scopes.RunAsync(tenant.Id, tenant.Slug, "system:seed", async provider =>
        {
            var db = provider.GetRequiredService<SchedulingDbContext>();
            if (await db.Staff.AnyAsync(cancellationToken))
            {
                return;
            }

            var week = WorkPattern.Store(WorkingDays.Select(d => new DayHours(d, "10:00", "20:00")).ToList());
            var lunch = WorkPattern.Store(WorkingDays.Select(d => new DayHours(d, "14:00", "14:30")).ToList());
            foreach (var person in People)
            {
                var staff = new StaffMember { DisplayName = person.Name, TimeZone = Zone, Color = person.Color, Bio = person.Bio, WeeklyHours = week, Breaks = lunch };
                db.Staff.Add(staff);
                staffIds.Add((staff.Id, person.Tag));
            }

            db.Resources.Add(new Resource { Name = "Кресла в зале", Kind = ResourceKinds.Chair, Capacity = 3, TimeZone = Zone });
            db.Resources.Add(new Resource { Name = "Тату-кабинет", Kind = ResourceKinds.Room, Capacity = 1, TimeZone = Zone });
            // The clients are made up: reminders start off and bookings carry no email, so the demo messages no one.
            db.ReminderSettings.Add(new ReminderSettings { TenantId = tenant.Id, Enabled = false });
            await db.SaveChangesAsync(cancellationToken);
            services = await provider.GetRequiredService<ICatalogServices>().ListAsync(cancellationToken);
            clients = await provider.GetRequiredService<IClientContacts>().PeopleWithPhonesAsync(Clients, cancellationToken);
        });
        if (staffIds.Count == 0 || clients.Count == 0)
        {
            return;
        }

        // A week of appointments from today at fixed hours, each person on the services of their craft (the Catalog
        // menu has no staff lists, so anyone may perform any service; the demo keeps to crafts for realism).
        var moscow = DateTimeZoneProviders.Tzdb[Zone];
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(moscow).Date;
        var bookable = services.Where(s => !s.Archived && s.OnlineBookable).ToList();
        var client = 0;
        for (var day = 0; day < 7; day++)
        {
            var date = today.PlusDays(day);
            if (date.DayOfWeek == IsoDayOfWeek.Sunday)
            {
                continue;
            }

            foreach (var (staffId, tag) in staffIds)
            {
                // Three visits a day, each starting on the half hour after the previous one (and its buffers) ends.
                var craft = bookable.Where(s => Tagged(s, tag)).ToList();
                var start = date.At(new LocalTime(10, 0)).InZoneLeniently(moscow).ToInstant();
                for (var visit = 0; visit < 3 && craft.Count > 0; visit++)
                {
                    var service = craft[(day + visit) % craft.Count];
                    var end = start + Duration.FromMinutes(service.DurationMinutes + service.BufferAfterMinutes + 30);
                    if (end.InZone(moscow).TimeOfDay > new LocalTime(19, 30))
                    {
                        break;
                    }

                    var who = clients[client++ % clients.Count];
                    var at = start.ToDateTimeOffset();
                    await scopes.RunAsync(tenant.Id, tenant.Slug, "system:seed", async provider =>
                        await provider.GetRequiredService<AppointmentBooking>().BookAsync(new BookingDraft(
                            [service.Id], staffId, at, null, AppointmentSources.Console, who.Id, null, who.Name, null, who.Phone, "ru", Zone, null), cancellationToken));
                    start = Instant.FromUnixTimeSeconds((end.ToUnixTimeSeconds() + 1799) / 1800 * 1800);
                }
            }
        }
    }

    private static bool Tagged(BookableService service, string tag) =>
        service.Name.TryGetValue("ru", out var ru) && tag switch
        {
            "hair" => ru.Contains("стрижк", StringComparison.OrdinalIgnoreCase) || ru.Contains("краш", StringComparison.OrdinalIgnoreCase) || ru.Contains("Тонир", StringComparison.Ordinal),
            "nails" => ru.Contains("икюр", StringComparison.Ordinal) || ru.Contains("покрыт", StringComparison.Ordinal),
            _ => ru.Contains("тату", StringComparison.OrdinalIgnoreCase),
        };
}
