using System.Net;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portico.IntegrationTests.Crm;
using Portico.IntegrationTests.Infrastructure;
using Portico.Scheduling.Calendars;
using Portico.Scheduling.Contracts;

namespace Portico.IntegrationTests.Scheduling;

/// <summary>
/// Calendar sync through the HTTP API against local Google Calendar and Microsoft Graph stand-ins: the OAuth connect
/// flow, busy times in (full, then incremental), appointments out (insert, patch, delete, at least once), expired
/// access tokens refreshed, refused grants marked, forged states and other tenants' staff refused, and no token ever
/// in an answer or a log.
/// </summary>
public abstract class CalendarSyncTests<TFactory>(CalendarHost<TFactory> host) : IClassFixture<CalendarHost<TFactory>>
    where TFactory : PorticoFactory, new()
{
    /// <summary>The hour the test started in, fixed once so an hour turning mid-test changes nothing.</summary>
    private readonly DateTimeOffset _thisHour = StartOfHour(DateTimeOffset.UtcNow);

    private DateTimeOffset Hour(int hoursFromNow) => _thisHour.AddHours(hoursFromNow);

    private static DateTimeOffset StartOfHour(DateTimeOffset now) => new(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);

    private static string Account() => $"staff-{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task Connecting_google_stores_an_active_connection_and_its_busy_events_come_in_then_only_the_changes()
    {
        var studio = await host.StudioAsync();
        var account = Account();
        var dentist = host.Google.AddEvent(account, Hour(26), Hour(27), "Dentist");
        host.Google.AddEvent(account, Hour(30), Hour(31), "Maybe lunch", transparent: true);
        host.Google.AddEvent(account, Hour(-30), Hour(-29), "Yesterday");
        host.Google.AddEvent(account, Hour(24 * 120), Hour(24 * 120 + 1), "Far away");

        var connection = await host.ConnectAsync(studio, "google", account);

        connection.Str("status").ShouldBe("active");
        connection.Str("externalCalendarId").ShouldBe(account);
        connection.GetProperty("lastSyncedAt").ValueKind.ShouldBe(JsonValueKind.String);
        var busy = await host.BusyTimesAsync(studio);
        busy.ShouldHaveSingleItem().ShouldBe((dentist, Hour(26), Hour(27)));

        // Changes since: one moved, one new, the dentist cancelled; read with Google's sync token.
        var haircut = host.Google.AddEvent(account, Hour(50), Hour(51), "Own haircut");
        var gym = host.Google.AddEvent(account, Hour(60), Hour(61), "Gym");
        host.Google.MoveEvent(account, gym, Hour(62), Hour(64));
        host.Google.CancelEvent(account, dentist);
        var synced = await studio.Client.PostAsync(studio.Calendars($"/{connection.Str("id")}/sync"), null).ShouldBeOk();

        synced.Str("status").ShouldBe("active");
        (await host.BusyTimesAsync(studio)).ShouldBe([(haircut, Hour(50), Hour(51)), (gym, Hour(62), Hour(64))]);
        host.Google.Calls.ShouldContain(c => c.Contains("syncToken=sync-", StringComparison.Ordinal));

        // A sync token Google no longer honours (410) starts a full read again, with the same outcome.
        host.Google.InvalidateSyncTokens();
        (await studio.Client.PostAsync(studio.Calendars($"/{connection.Str("id")}/sync"), null).ShouldBeOk()).Str("status").ShouldBe("active");
        (await host.BusyTimesAsync(studio)).ShouldBe([(haircut, Hour(50), Hour(51)), (gym, Hour(62), Hour(64))]);

        var listed = await studio.Client.GetStringAsync(studio.Calendars());
        listed.ShouldNotContain("accessToken", Case.Insensitive);
        listed.ShouldNotContain("refreshToken", Case.Insensitive);
        host.ShouldLeakNoToken(listed, synced.ToString());
    }

    [Fact]
    public async Task Connecting_outlook_reads_the_calendar_view_delta_in_utc_and_removed_events_leave()
    {
        var studio = await host.StudioAsync();
        var account = Account();
        var lunch = host.Graph.AddEvent(account, Hour(26), Hour(27));
        host.Graph.AddEvent(account, Hour(28), Hour(29), "Free time", showAs: "free");
        host.Graph.PageSize = 2;
        var more = Enumerable.Range(0, 3).Select(i => host.Graph.AddEvent(account, Hour(40 + i), Hour(41 + i), $"Busy {i}")).ToList();

        var connection = await host.ConnectAsync(studio, "outlook", account);

        connection.Str("status").ShouldBe("active");
        connection.Str("externalCalendarId").ShouldBe(FakeMicrosoftGraph.CalendarIdOf(account));
        (await host.BusyTimesAsync(studio)).Select(b => b.EventId).ShouldBe([lunch, .. more]);
        (await host.BusyTimesAsync(studio))[0].ShouldBe((lunch, Hour(26), Hour(27)));

        host.Graph.DeleteEvent(account, lunch);
        var late = host.Graph.AddEvent(account, Hour(70), Hour(72), "Concert");
        (await studio.Client.PostAsync(studio.Calendars($"/{connection.Str("id")}/sync"), null).ShouldBeOk()).Str("status").ShouldBe("active");

        (await host.BusyTimesAsync(studio)).Select(b => b.EventId).ShouldBe([.. more, late]);
        host.Graph.Calls.ShouldContain(c => c.Contains("$deltatoken", StringComparison.Ordinal));
        host.ShouldLeakNoToken();
    }

    [Fact]
    public async Task An_appointment_is_written_to_every_connected_calendar_once_moved_there_and_deleted_when_cancelled()
    {
        var studio = await host.StudioAsync();
        var (google, outlook) = (Account(), Account());
        await host.ConnectAsync(studio, "google", google);
        await host.ConnectAsync(studio, "outlook", outlook);
        var appointment = Guid.CreateVersion7();
        var services = new[] { new AppointmentServiceInfo(Guid.NewGuid(), "Haircut", Hour(30), Hour(31)) };
        var contact = new Portico.Kernel.Events.EventContact("Maria", "maria@example.test", null);
        var booked = new AppointmentBooked(appointment, studio.StaffId, null, Hour(30), Hour(31), services, null, contact, "console");

        // Delivered twice (at least once): one event in each calendar.
        await host.RaiseAsync(studio, booked, booked);

        var inGoogle = await Patience.EventuallyAsync(() => Task.FromResult(host.Google.Events(google)), e => e.Count == 1, "event in Google");
        inGoogle[0].Summary.ShouldBe("Haircut: Maria");
        (inGoogle[0].Start, inGoogle[0].End, inGoogle[0].AppointmentId).ShouldBe((Hour(30), Hour(31), appointment.ToString("D")));
        var inOutlook = await Patience.EventuallyAsync(() => Task.FromResult(host.Graph.Events(outlook)), e => e.Count == 1, "event in Outlook");
        (inOutlook[0].Subject, inOutlook[0].Start, inOutlook[0].End).ShouldBe(("Haircut: Maria", Hour(30), Hour(31)));

        // Portico's own events are not busy time from outside.
        foreach (var connection in (await studio.Client.GetAsync(studio.Calendars()).ShouldBeOk()).EnumerateArray())
        {
            await studio.Client.PostAsync(studio.Calendars($"/{connection.Str("id")}/sync"), null).ShouldBeOk();
        }

        (await host.BusyTimesAsync(studio)).ShouldBeEmpty();

        await host.RaiseAsync(studio, new AppointmentRescheduled(appointment, studio.StaffId, null, Hour(33), Hour(34), studio.StaffId, Hour(30), services, null, contact));
        await Patience.UntilAsync(() => Task.FromResult(host.Google.Events(google) is [{ } g] && g.Start == Hour(33) && g.End == Hour(34)), "moved in Google");
        await Patience.UntilAsync(() => Task.FromResult(host.Graph.Events(outlook) is [{ } o] && o.Start == Hour(33) && o.End == Hour(34)), "moved in Outlook");

        var cancelled = new AppointmentCancelled(appointment, studio.StaffId, Hour(33), Hour(34), "Client is ill", "client", null, contact);
        await host.RaiseAsync(studio, cancelled, cancelled);
        // Read as text so a failure says what Google holds.
        await Patience.EventuallyAsync(() => Task.FromResult(string.Join("; ", host.Google.Events(google).Select(e => $"{e.Id} {e.Status} {e.Start:O}"))),
            events => events.Split("; ") is [{ } one] && one.Contains(" cancelled ", StringComparison.Ordinal), "deleted in Google");
        await Patience.UntilAsync(() => Task.FromResult(host.Graph.Events(outlook) is [{ Deleted: true }]), "deleted in Outlook");
        await Patience.UntilAsync(async () => await host.InTenantAsync(studio.TenantId, studio.Slug, db => db.CalendarEventLinks.CountAsync()) == 0, "links forgotten");
        host.ShouldLeakNoToken();
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_and_the_call_retried_and_a_revoked_grant_asks_to_connect_again()
    {
        var studio = await host.StudioAsync();
        var account = Account();
        var google = await host.ConnectAsync(studio, "google", account);
        var refreshes = host.Google.OAuth.Refreshes;
        var meeting = host.Google.AddEvent(account, Hour(40), Hour(41), "Meeting");

        host.Google.OAuth.ExpireAccessTokens();
        (await studio.Client.PostAsync(studio.Calendars($"/{google.Str("id")}/sync"), null).ShouldBeOk()).Str("status").ShouldBe("active");

        host.Google.OAuth.Refreshes.ShouldBe(refreshes + 1);
        (await host.BusyTimesAsync(studio)).ShouldHaveSingleItem().EventId.ShouldBe(meeting);

        // Outlook rotates refresh tokens: the new one is kept and works next time.
        var outlookAccount = Account();
        var outlook = await host.ConnectAsync(studio, "outlook", outlookAccount);
        for (var i = 0; i < 2; i++)
        {
            host.Graph.OAuth.ExpireAccessTokens();
            (await studio.Client.PostAsync(studio.Calendars($"/{outlook.Str("id")}/sync"), null).ShouldBeOk()).Str("status").ShouldBe("active");
        }

        // Writing an appointment after expiry refreshes too.
        host.Google.OAuth.ExpireAccessTokens();
        var appointment = Guid.CreateVersion7();
        await host.RaiseAsync(studio, new AppointmentBooked(appointment, studio.StaffId, null, Hour(50), Hour(51), [], null, null, "api"));
        await Patience.UntilAsync(() => Task.FromResult(host.Google.Events(account).Any(e => e.AppointmentId == appointment.ToString("D"))), "written after a refresh");

        host.Google.OAuth.ExpireAccessTokens();
        host.Google.OAuth.RevokeRefreshTokens();
        var refused = await studio.Client.PostAsync(studio.Calendars($"/{google.Str("id")}/sync"), null).ShouldBeOk();
        refused.Str("status").ShouldBe("error");
        refused.Str("lastError").ShouldContain("Connect the calendar again");
        await studio.Client.PostAsync(studio.Calendars($"/{google.Str("id")}/sync"), null).ShouldBeProblem(HttpStatusCode.Conflict);

        // Connecting the same calendar again renews the one connection.
        var renewed = await host.ConnectAsync(studio, "google", account);
        renewed.Str("id").ShouldBe(google.Str("id"));
        renewed.Str("status").ShouldBe("active");
        host.ShouldLeakNoToken(refused.ToString(), await studio.Client.GetStringAsync(studio.Calendars()));
    }

    [Fact]
    public async Task The_background_job_syncs_every_active_connection()
    {
        var studio = await host.StudioAsync();
        var account = Account();
        await host.ConnectAsync(studio, "outlook", account);
        var later = host.Graph.AddEvent(account, Hour(80), Hour(81), "Later");

        var job = host.App.Services.GetServices<IHostedService>().OfType<CalendarSyncJob>().Single();
        (await job.RunOnceAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);

        (await host.BusyTimesAsync(studio)).ShouldContain(b => b.EventId == later);
    }

    [Fact]
    public async Task A_forged_altered_or_missing_state_is_refused_and_stores_nothing()
    {
        var studio = await host.StudioAsync();
        var start = await studio.Client.PostJson(studio.Calendars("/connect"), new { provider = "google" }).ShouldBeOk();
        var state = Uri.UnescapeDataString(start.Str("authorizationUrl").Split("state=")[1].Split('&')[0]);
        var anonymous = host.Anonymous();

        var altered = state[..^2] + (state[^2] == 'A' ? "BB" : "AA");
        (await anonymous.GetAsync($"/api/v1/calendars/oauth/callback?code=abc&state={Uri.EscapeDataString(altered)}").ShouldBeProblem(HttpStatusCode.BadRequest)).Str("type").ShouldEndWith("invalid-state");
        await anonymous.GetAsync("/api/v1/calendars/oauth/callback?code=abc&state=forged.state").ShouldBeProblem(HttpStatusCode.BadRequest);
        await anonymous.GetAsync("/api/v1/calendars/oauth/callback?code=abc").ShouldBeProblem(HttpStatusCode.BadRequest);

        // A good state with a code the provider never issued: back to the console with the failure, nothing stored.
        var bad = await anonymous.GetAsync($"/api/v1/calendars/oauth/callback?code=never-issued&state={Uri.EscapeDataString(state)}");
        bad.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        bad.Headers.Location!.ToString().ShouldContain("calendar=failed");
        (await studio.Client.GetAsync(studio.Calendars()).ShouldBeOk()).GetArrayLength().ShouldBe(0);

        await studio.Client.PostJson(studio.Calendars("/connect"), new { provider = "icloud" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Another_tenants_staff_and_connections_are_404_and_an_employee_touches_only_their_own_calendars()
    {
        var ours = await host.StudioAsync();
        var theirs = await host.StudioAsync("Boris");
        var connection = await host.ConnectAsync(theirs, "google", Account());
        var foreign = $"/api/v1/tenants/{ours.Slug}/scheduling/staff/{theirs.StaffId:D}/calendars";

        await ours.Client.PostJson($"{foreign}/connect", new { provider = "google" }).ShouldBeProblem(HttpStatusCode.NotFound);
        await ours.Client.GetAsync(foreign).ShouldBeProblem(HttpStatusCode.NotFound);
        await ours.Client.GetAsync($"{foreign}/feed").ShouldBeProblem(HttpStatusCode.NotFound);
        await ours.Client.PostAsync($"{foreign}/{connection.Str("id")}/sync", null).ShouldBeProblem(HttpStatusCode.NotFound);
        await ours.Client.DeleteAsync(ours.Calendars($"/{connection.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await ours.Client.GetAsync($"/api/v1/tenants/{theirs.Slug}/scheduling/staff/{theirs.StaffId:D}/calendars").ShouldBeProblem(HttpStatusCode.NotFound);

        var employee = await ours.Tenant.AddMemberAsync("Employee");
        await employee.Client.PostJson(ours.Calendars("/connect"), new { provider = "google" }).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await employee.Client.GetAsync(ours.Calendars()).ShouldBeOk()).GetArrayLength().ShouldBe(0);
        var ownStaff = await host.AddStaffAsync(ours.TenantId, ours.Slug, "Employee's own");
        await host.InTenantAsync(ours.TenantId, ours.Slug, async db =>
        {
            (await db.Staff.FirstAsync(s => s.Id == ownStaff)).UserId = Guid.Parse(employee.Id);
            return await db.SaveChangesAsync();
        });
        var own = ours with { StaffId = ownStaff };
        (await host.ConnectAsync(own, "outlook", Account(), employee.Client)).Str("status").ShouldBe("active");
    }

    [Fact]
    public async Task Disconnecting_removes_the_connection_and_its_busy_times_and_revokes_the_google_grant()
    {
        var studio = await host.StudioAsync();
        var account = Account();
        host.Google.AddEvent(account, Hour(26), Hour(27));
        var connection = await host.ConnectAsync(studio, "google", account);
        (await host.BusyTimesAsync(studio)).Count.ShouldBe(1);
        var refreshes = host.Google.OAuth.Refreshes;

        (await studio.Client.DeleteAsync(studio.Calendars($"/{connection.Str("id")}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await studio.Client.GetAsync(studio.Calendars()).ShouldBeOk()).GetArrayLength().ShouldBe(0);
        (await host.BusyTimesAsync(studio)).ShouldBeEmpty();
        await studio.Client.DeleteAsync(studio.Calendars($"/{connection.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
        host.Google.OAuth.Refreshes.ShouldBe(refreshes);
    }

    [Fact]
    public async Task The_ics_feed_lists_the_staff_members_appointments_and_a_tampered_or_rotated_link_is_404()
    {
        var studio = await host.StudioAsync();
        var appointment = Guid.CreateVersion7();
        await host.AddBlockAsync(studio, appointment, Hour(30), Hour(31));
        await host.AddBlockAsync(studio, appointment, Hour(31), Hour(32));
        await host.AddBlockAsync(studio, Guid.CreateVersion7(), Hour(24 * 400), Hour(24 * 400 + 1));
        var other = await host.StudioAsync("Other");
        await host.AddBlockAsync(other, Guid.CreateVersion7(), Hour(40), Hour(41));

        var url = (await studio.Client.GetAsync(studio.Calendars("/feed")).ShouldBeOk()).Str("url");
        (await studio.Client.GetAsync(studio.Calendars("/feed")).ShouldBeOk()).Str("url").ShouldBe(url);
        var path = new Uri(url).PathAndQuery;
        path.ShouldStartWith("/api/v1/public/calendars/");
        path.ShouldEndWith(".ics");

        var anonymous = host.Anonymous();
        var answer = await anonymous.GetAsync(path);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var calendar = Ical.Net.Calendar.Load(await answer.Content.ReadAsStringAsync())!;
        var evt = calendar.Events.ShouldHaveSingleItem();
        evt.Uid.ShouldBe($"{appointment:D}@portico");
        evt.DtStart!.AsUtc.ShouldBe(Hour(30).UtcDateTime);
        evt.DtEnd!.AsUtc.ShouldBe(Hour(32).UtcDateTime);

        var token = path["/api/v1/public/calendars/".Length..^".ics".Length];
        var tampered = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        await anonymous.GetAsync($"/api/v1/public/calendars/{tampered}.ics").ShouldBeProblem(HttpStatusCode.NotFound);
        await anonymous.GetAsync("/api/v1/public/calendars/nonsense.ics").ShouldBeProblem(HttpStatusCode.NotFound);

        var rotated = (await studio.Client.PostAsync(studio.Calendars("/feed/rotate"), null).ShouldBeOk()).Str("url");
        rotated.ShouldNotBe(url);
        await anonymous.GetAsync(path).ShouldBeProblem(HttpStatusCode.NotFound);
        (await anonymous.GetAsync(new Uri(rotated).PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class CalendarSyncOnSqlite(CalendarHost<SqliteFactory> host) : CalendarSyncTests<SqliteFactory>(host);

public sealed class CalendarSyncOnPostgres(CalendarHost<PostgresFactory> host) : CalendarSyncTests<PostgresFactory>(host);
