using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Tenancy;
using Portico.Scheduling;
using static Portico.IntegrationTests.Scheduling.AppointmentStudio;

namespace Portico.IntegrationTests.Scheduling;

public abstract class AppointmentReminderTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task A_reminder_arrives_once_before_the_appointment_and_never_for_a_cancelled_or_moved_one()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        var settings = await studio.Client.PutAsJsonAsync($"/api/v1/tenants/{studio.Slug}/scheduling/reminder-settings", new { offsetsMinutes = new[] { 1 }, channel = "email" })
            .ShouldBe(HttpStatusCode.OK);
        settings.GetProperty("offsetsMinutes").EnumerateArray().Select(o => o.GetInt32()).ShouldBe([1]);
        var service = await studio.AddServiceAsync("Reminded", minutes: 30);
        var (kept, cancelled, moved) = (await studio.AddStaffAsync("Kept"), await studio.AddStaffAsync("Cancelled"), await studio.AddStaffAsync("Moved"));
        var now = DateTimeOffset.UtcNow.AddSeconds(62);
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var (keptEmail, cancelledEmail, movedEmail) = ($"{Http.Unique("kept")}@example.com", $"{Http.Unique("gone")}@example.com", $"{Http.Unique("moved")}@example.com");

        await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = kept, startsAt = Iso(start), client = new { name = "Kept", email = keptEmail } });
        var toCancel = await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = cancelled, startsAt = Iso(start), client = new { name = "Gone", email = cancelledEmail } });
        var toMove = await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = moved, startsAt = Iso(start), client = new { name = "Moved", email = movedEmail } });
        await studio.Client.PostJson(studio.Appointments($"{toCancel.Str("id")}/cancel"), new { reason = "Changed plans" }).ShouldBeOk();
        await studio.Client.PostJson(studio.Appointments($"{toMove.Str("id")}/reschedule"), new { startsAt = Iso(start.AddHours(5)) }).ShouldBeOk();

        var reminder = await Patience.EventuallyAsync(
            () => Task.FromResult(app.Smtp.Received.Where(m => m.To.Mailboxes.Any(x => x.Address == keptEmail) && (m.Subject ?? "").StartsWith("Appointment reminder", StringComparison.Ordinal)).ToList()),
            list => list.Count > 0, "the reminder of the kept appointment");
        reminder.Count.ShouldBe(1);
        (reminder[0].TextBody ?? "").ShouldContain("Reminder: Reminded");

        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetTenant(studio.TenantId, studio.Slug);
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var rows = await db.AppointmentReminders.AsNoTracking().ToListAsync();
        rows.ShouldNotContain(r => r.AppointmentId == Guid.Parse(toCancel.Str("id")));
        rows.Single(r => r.AppointmentId == Guid.Parse(toMove.Str("id"))).DueAt.ShouldBe(start.AddHours(5).AddMinutes(-1));
        rows.Single(r => r.AppointmentId == Guid.Parse(toMove.Str("id"))).SentAt.ShouldBeNull();
        rows.Where(r => r.SentAt != null).ShouldHaveSingleItem();
        app.Smtp.Received.ShouldNotContain(m => m.To.Mailboxes.Any(x => x.Address == cancelledEmail || x.Address == movedEmail) && (m.Subject ?? "").StartsWith("Appointment reminder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reminder_settings_default_to_a_day_and_two_hours_by_email_and_refuse_bad_values()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        var url = $"/api/v1/tenants/{studio.Slug}/scheduling/reminder-settings";
        var defaults = await studio.Client.GetAsync(url).ShouldBeOk();
        defaults.GetProperty("offsetsMinutes").EnumerateArray().Select(o => o.GetInt32()).ShouldBe([1440, 120]);
        defaults.Str("channel").ShouldBe("email");

        var problem = await studio.Client.PutAsJsonAsync(url, new { offsetsMinutes = new[] { 0, 99999 }, channel = "pigeon" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["offsetsMinutes", "channel"], ignoreOrder: true);
        var employee = await studio.Tenant.AddMemberAsync("Employee");
        await employee.Client.PutAsJsonAsync(url, new { channel = "sms" }).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await studio.Client.PutAsJsonAsync(url, new { offsetsMinutes = new[] { 60, 2880 }, channel = "sms" }).ShouldBeOk())
            .GetProperty("offsetsMinutes").EnumerateArray().Select(o => o.GetInt32()).ShouldBe([2880, 60]);
    }
}

public sealed class AppointmentRemindersOnSqlite(SqliteFactory app) : AppointmentReminderTests<SqliteFactory>(app);

public sealed class AppointmentRemindersOnPostgres(PostgresFactory app) : AppointmentReminderTests<PostgresFactory>(app);
