using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Scheduling;

/// <summary>Staff, resources, weekly hours, overrides, time off, holidays and the booking policy through the API: rules, roles, and another tenant's ids.</summary>
public abstract class SchedulingSetupTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory, new()
{
    [Fact]
    public async Task A_staff_profile_takes_the_tenants_zone_belongs_to_one_member_at_most_and_can_be_archived()
    {
        var t = await SchedulingTestTenant.CreateAsync(app);
        var anna = await t.CreateStaffAsync(new { displayName = "  Anna  ", bio = "Colourist", color = "#8e24aa" });
        anna.Str("displayName").ShouldBe("Anna");
        anna.Str("timeZone").ShouldBe("Europe/Berlin");
        anna.Str("color").ShouldBe("#8E24AA");
        anna.GetProperty("bookable").GetBoolean().ShouldBeTrue();

        var problem = await t.Client.PostJson(t.Route("staff"), new { displayName = "", timeZone = "Mars/Olympus", color = "red" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["displayName", "timeZone", "color"], ignoreOrder: true);
        (await t.Client.PostJson(t.Route("staff"), new { displayName = "Ghost", userId = Guid.NewGuid() }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("userId", out _).ShouldBeTrue();

        var owner = await t.CreateStaffAsync(new { displayName = "Owner", userId = t.OwnerId, timeZone = "Europe/Moscow" });
        owner.Str("userId").ShouldBe(t.OwnerId);
        var twice = await t.Client.PostJson(t.Route("staff"), new { displayName = "Owner again", userId = t.OwnerId }).ShouldBeProblem(HttpStatusCode.Conflict);
        twice.Str("existingId").ShouldBe(owner.Str("id"));

        var changed = await t.Client.PatchJson(t.Route($"staff/{anna.Str("id")}"), new { displayName = "Anna P.", bookable = false, color = "" }).ShouldBeOk();
        (changed.Str("displayName"), changed.GetProperty("bookable").GetBoolean(), changed.GetProperty("color").ValueKind).ShouldBe(("Anna P.", false, JsonValueKind.Null));

        await t.Client.PostAsync(t.Route($"staff/{anna.Str("id")}/archive"), null).ShouldBeOk();
        (await t.Client.GetAsync(t.Route("staff")).ShouldBeOk()).EnumerateArray().Select(s => s.Str("displayName")).ShouldBe(["Owner"]);
        (await t.Client.GetAsync(t.Route("staff?includeArchived=true")).ShouldBeOk()).GetArrayLength().ShouldBe(2);
        (await t.Client.PostAsync(t.Route($"staff/{anna.Str("id")}/restore"), null).ShouldBeOk()).GetProperty("archivedAt").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_week_with_a_night_shift_is_stored_in_order_and_overlaps_or_bad_times_are_refused()
    {
        var t = await SchedulingTestTenant.CreateAsync(app);
        var id = (await t.CreateStaffAsync(new { displayName = "Night owl" })).Str("id");

        var week = await t.SetHoursAsync(id, new
        {
            hours = new[] { new { day = "Friday", start = "22:00", end = "04:00" }, new { day = "monday", start = "10:00", end = "14:00" }, new { day = "monday", start = "15:00", end = "19:00" } },
            breaks = new[] { new { day = "monday", start = "12:00", end = "12:30" } },
        });
        week.GetProperty("hours").EnumerateArray().Select(h => $"{h.Str("day")} {h.Str("start")}-{h.Str("end")}").ShouldBe(["monday 10:00-14:00", "monday 15:00-19:00", "friday 22:00-04:00"]);

        var problem = await t.Client.PutAsJsonAsync(t.Route($"staff/{id}/hours"), new
        {
            hours = new[] { new { day = "friday", start = "22:00", end = "04:00" }, new { day = "saturday", start = "03:00", end = "10:00" }, new { day = "noday", start = "9", end = "25:00" } },
        }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["hours[0]", "hours[2].day", "hours[2].start", "hours[2].end"], ignoreOrder: true);
        (await t.Client.GetAsync(t.Route($"staff/{id}")).ShouldBeOk()).GetProperty("breaks").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Overrides_time_off_holidays_and_the_booking_policy_are_kept_and_checked()
    {
        var t = await SchedulingTestTenant.CreateAsync(app);
        var id = (await t.CreateStaffAsync(new { displayName = "Anna" })).Str("id");

        var closed = await t.Client.PutAsJsonAsync(t.Route($"staff/{id}/overrides/2026-12-24"), new { intervals = Array.Empty<object>() }).ShouldBeOk();
        closed.GetProperty("closed").GetBoolean().ShouldBeTrue();
        await t.Client.PutAsJsonAsync(t.Route($"staff/{id}/overrides/2026-12-27"), new { intervals = new[] { new { start = "10:00", end = "14:00" } } }).ShouldBeOk();
        (await t.Client.GetAsync(t.Route($"staff/{id}/overrides?from=2026-12-25&to=2026-12-31")).ShouldBeOk()).EnumerateArray().Single().Str("date").ShouldBe("2026-12-27");
        await t.Client.PutAsJsonAsync(t.Route($"staff/{id}/overrides/2026-13-01"), new { intervals = Array.Empty<object>() }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await t.Client.PutAsJsonAsync(t.Route($"staff/{id}/overrides/2026-12-28"), new { intervals = new[] { new { start = "10:00", end = "14:00" }, new { start = "13:00", end = "15:00" } } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        (await t.Client.DeleteAsync(t.Route($"staff/{id}/overrides/2026-12-24"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await t.Client.DeleteAsync(t.Route($"staff/{id}/overrides/2026-12-24")).ShouldBeProblem(HttpStatusCode.NotFound);

        var off = await t.Client.PostJson(t.Route($"staff/{id}/time-off"), new { startsAt = "2026-12-21T00:00:00+01:00", endsAt = "2026-12-28T00:00:00+01:00", reason = "Vacation" })
            .ShouldBe(HttpStatusCode.Created);
        off.GetProperty("startsAt").GetDateTimeOffset().ShouldBe(DateTimeOffset.Parse("2026-12-20T23:00:00Z", CultureInfo.InvariantCulture));
        await t.Client.PostJson(t.Route($"staff/{id}/time-off"), new { startsAt = "2026-12-21T00:00:00Z", endsAt = "2026-12-20T00:00:00Z" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await t.Client.PutAsJsonAsync(t.Route($"staff/{id}/time-off/{off.Str("id")}"), new { startsAt = "2026-12-22T00:00:00Z", endsAt = "2026-12-23T00:00:00Z" }).ShouldBeOk();
        (await t.Client.GetAsync(t.Route($"staff/{id}/time-off")).ShouldBeOk()).EnumerateArray().Single().GetProperty("reason").ValueKind.ShouldBe(JsonValueKind.Null);
        (await t.Client.DeleteAsync(t.Route($"staff/{id}/time-off/{off.Str("id")}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var holiday = await t.Client.PostJson(t.Route("holidays"), new { date = "2026-12-31", name = "New Year's Eve" }).ShouldBe(HttpStatusCode.Created);
        (await t.Client.PostJson(t.Route("holidays"), new { date = "2026-12-31", name = "Again" }).ShouldBeProblem(HttpStatusCode.Conflict)).Str("existingId").ShouldBe(holiday.Str("id"));
        await t.Client.PostJson(t.Route("holidays"), new { date = "31.12.2026", name = "" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        (await t.Client.GetAsync(t.Route("holidays?year=2026")).ShouldBeOk()).GetArrayLength().ShouldBe(1);
        (await t.Client.DeleteAsync(t.Route($"holidays/{holiday.Str("id")}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var defaults = await t.Client.GetAsync(t.Route("settings")).ShouldBeOk();
        (defaults.GetProperty("slotStepMinutes").GetInt32(), defaults.GetProperty("cancellationWindowHours").GetInt32()).ShouldBe((15, 24));
        var changed = await t.SettingsAsync(new { slotStepMinutes = 30, cancellationWindowHours = 48 });
        (changed.GetProperty("slotStepMinutes").GetInt32(), changed.GetProperty("minimumNoticeMinutes").GetInt32(), changed.GetProperty("cancellationWindowHours").GetInt32()).ShouldBe((30, 60, 48));
        (await t.Client.PutAsJsonAsync(t.Route("settings"), new { slotStepMinutes = 7, horizonDays = 0 }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["slotStepMinutes", "horizonDays"], ignoreOrder: true);
    }

    [Fact]
    public async Task Resources_have_a_kind_and_a_capacity_of_one_to_fifty()
    {
        var t = await SchedulingTestTenant.CreateAsync(app);
        var room = await t.Client.PostJson(t.Route("resources"), new { name = "Wash room", kind = "room", capacity = 2 }).ShouldBe(HttpStatusCode.Created);
        (room.Str("timeZone"), room.GetProperty("capacity").GetInt32()).ShouldBe(("Europe/Berlin", 2));
        (await t.Client.PostJson(t.Route("resources"), new { name = "", kind = "spaceship", capacity = 51 }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["name", "kind", "capacity"], ignoreOrder: true);
        (await t.Client.PatchJson(t.Route($"resources/{room.Str("id")}"), new { capacity = 3 }).ShouldBeOk()).GetProperty("capacity").GetInt32().ShouldBe(3);
        await t.Client.PutAsJsonAsync(t.Route($"resources/{room.Str("id")}/hours"), new { hours = new[] { new { day = "monday", start = "08:00", end = "20:00" } } }).ShouldBeOk();
        await t.Client.PutAsJsonAsync(t.Route($"resources/{room.Str("id")}/overrides/2026-12-24"), new { intervals = Array.Empty<object>() }).ShouldBeOk();
        await t.Client.PostAsync(t.Route($"resources/{room.Str("id")}/archive"), null).ShouldBeOk();
        (await t.Client.GetAsync(t.Route("resources")).ShouldBeOk()).GetArrayLength().ShouldBe(0);
        (await t.Client.GetAsync(t.Route($"resources/{room.Str("id")}")).ShouldBeOk()).GetProperty("hours").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task An_employee_reads_the_setup_but_only_owners_and_admins_change_it()
    {
        var t = await SchedulingTestTenant.CreateAsync(app);
        var id = (await t.CreateStaffAsync(new { displayName = "Anna" })).Str("id");
        var (employee, employeeId) = await t.AddMemberAsync("Employee");

        await employee.GetAsync(t.Route("staff")).ShouldBeOk();
        await employee.GetAsync(t.Route("settings")).ShouldBeOk();
        await employee.PostJson(t.Route("staff"), new { displayName = "Me" }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await employee.PutAsJsonAsync(t.Route($"staff/{id}/hours"), new { hours = Array.Empty<object>() }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await employee.PutAsJsonAsync(t.Route("settings"), new { slotStepMinutes = 30 }).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await t.CreateStaffAsync(new { displayName = "Employee", userId = employeeId })).Str("userId").ShouldBe(employeeId);
    }

    [Fact]
    public async Task Every_route_answers_404_for_another_tenants_ids()
    {
        var a = await SchedulingTestTenant.CreateAsync(app);
        var b = await SchedulingTestTenant.CreateAsync(app);
        var staff = (await a.CreateStaffAsync(new { displayName = "Anna" })).Str("id");
        var resource = (await a.Client.PostJson(a.Route("resources"), new { name = "Chair", kind = "chair" }).ShouldBe(HttpStatusCode.Created)).Str("id");
        var off = (await a.Client.PostJson(a.Route($"staff/{staff}/time-off"), new { startsAt = "2026-12-21T00:00:00Z", endsAt = "2026-12-22T00:00:00Z" }).ShouldBe(HttpStatusCode.Created)).Str("id");
        var holiday = (await a.Client.PostJson(a.Route("holidays"), new { date = "2026-12-31", name = "Eve" }).ShouldBe(HttpStatusCode.Created)).Str("id");
        await a.Client.PutAsJsonAsync(a.Route($"staff/{staff}/overrides/2026-12-24"), new { intervals = Array.Empty<object>() }).ShouldBeOk();
        var week = new { hours = Array.Empty<object>() };
        var span = new { startsAt = "2026-12-21T00:00:00Z", endsAt = "2026-12-22T00:00:00Z" };
        var c = b.Client;

        var probes = new List<Task<HttpResponseMessage>>
        {
            c.GetAsync(b.Route($"staff/{staff}")),
            c.PatchJson(b.Route($"staff/{staff}"), new { displayName = "x" }),
            c.PostAsync(b.Route($"staff/{staff}/archive"), null),
            c.PostAsync(b.Route($"staff/{staff}/restore"), null),
            c.PutAsJsonAsync(b.Route($"staff/{staff}/hours"), week),
            c.GetAsync(b.Route($"staff/{staff}/overrides")),
            c.PutAsJsonAsync(b.Route($"staff/{staff}/overrides/2026-12-24"), new { intervals = Array.Empty<object>() }),
            c.DeleteAsync(b.Route($"staff/{staff}/overrides/2026-12-24")),
            c.GetAsync(b.Route($"staff/{staff}/time-off")),
            c.PostJson(b.Route($"staff/{staff}/time-off"), span),
            c.PutAsJsonAsync(b.Route($"staff/{staff}/time-off/{off}"), span),
            c.DeleteAsync(b.Route($"staff/{staff}/time-off/{off}")),
            c.GetAsync(b.Route($"resources/{resource}")),
            c.PatchJson(b.Route($"resources/{resource}"), new { name = "x" }),
            c.PostAsync(b.Route($"resources/{resource}/archive"), null),
            c.PostAsync(b.Route($"resources/{resource}/restore"), null),
            c.PutAsJsonAsync(b.Route($"resources/{resource}/hours"), week),
            c.GetAsync(b.Route($"resources/{resource}/overrides")),
            c.PutAsJsonAsync(b.Route($"holidays/{holiday}"), new { date = "2026-12-30", name = "x" }),
            c.DeleteAsync(b.Route($"holidays/{holiday}")),
            c.GetAsync(b.Route($"slots?serviceIds={Guid.NewGuid()}&staffId={staff}&from=2026-12-10&to=2026-12-11")),
            // And a's own routes with b's client: not a member, so the tenant itself is not found.
            c.GetAsync(a.Route("staff")),
            c.GetAsync(a.Route($"staff/{staff}")),
        };
        foreach (var probe in probes)
        {
            await probe.ShouldBeProblem(HttpStatusCode.NotFound);
        }

        (await a.Client.GetAsync(a.Route($"staff/{staff}/time-off")).ShouldBeOk()).GetArrayLength().ShouldBe(1);
        (await a.Client.GetAsync(a.Route("holidays")).ShouldBeOk()).GetArrayLength().ShouldBe(1);
    }
}

public sealed class SchedulingSetupTestsOnSqlite(SqliteFactory app) : SchedulingSetupTests<SqliteFactory>(app);

public sealed class SchedulingSetupTestsOnPostgres(PostgresFactory app) : SchedulingSetupTests<PostgresFactory>(app);
