using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Infrastructure;
using Portico.Scheduling.SlotSearch;

namespace Portico.IntegrationTests.Scheduling;

/// <summary>Slot search end to end: a Catalog service, staff hours, appointment blocks written as bookings write them, DST, the public page and bad queries.</summary>
public abstract class SlotSearchTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory, new()
{
    private static List<string> Starts(JsonElement answer) =>
        answer.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("slots").EnumerateArray()).Select(s => s.GetProperty("start").GetString()!).ToList();

    [Fact]
    public async Task Slots_honour_hours_buffers_and_appointments_and_are_grouped_by_the_clients_day()
    {
        var t = await SchedulingTestTenant.CreateAsync(app);
        await t.SettingsAsync(new { minimumNoticeMinutes = 0, slotStepMinutes = 15, horizonDays = 200 });
        var anna = await t.StaffWorkingEveryDayAsync("Anna", "09:00", "12:00");
        var service = await t.CreateServiceAsync(60, bufferAfter: 15, staff: [anna]);
        var query = $"serviceIds={service}&from=2026-12-10&to=2026-12-10";

        Starts(await t.Client.GetAsync(t.Route($"slots?{query}")).ShouldBeOk()).ShouldBe(
            ["2026-12-10T09:00:00+01:00", "2026-12-10T09:15:00+01:00", "2026-12-10T09:30:00+01:00", "2026-12-10T09:45:00+01:00",
             "2026-12-10T10:00:00+01:00", "2026-12-10T10:15:00+01:00", "2026-12-10T10:30:00+01:00", "2026-12-10T10:45:00+01:00"]);

        // Someone booked 11:00–12:00 (buffers included): a slot blocks 75 minutes, so the last start is 09:45.
        await t.BlockAsync(anna, DateTimeOffset.Parse("2026-12-10T11:00:00+01:00", CultureInfo.InvariantCulture), DateTimeOffset.Parse("2026-12-10T12:00:00+01:00", CultureInfo.InvariantCulture));
        var answer = await t.Client.GetAsync(t.Route($"slots?{query}&staffId={anna}&timeZone=Europe/Moscow")).ShouldBeOk();
        answer.Str("timeZone").ShouldBe("Europe/Moscow");
        Starts(answer).ShouldBe(["2026-12-10T11:00:00+03:00", "2026-12-10T11:15:00+03:00", "2026-12-10T11:30:00+03:00", "2026-12-10T11:45:00+03:00"]);
        var slot = answer.GetProperty("days")[0].GetProperty("slots")[0];
        (slot.Str("staffId"), slot.Str("staffName"), slot.GetProperty("end").GetString()).ShouldBe((anna, "Anna", "2026-12-10T12:00:00+03:00"));
    }

    [Fact]
    public async Task A_repeated_search_sees_a_booking_a_changed_service_and_time_off_at_once()
    {
        // Answers are reused while the schedule stands; every change must show in the very next search.
        var t = await SchedulingTestTenant.CreateAsync(app);
        await t.SettingsAsync(new { minimumNoticeMinutes = 0, slotStepMinutes = 60, horizonDays = 200 });
        var anna = await t.StaffWorkingEveryDayAsync("Anna", "09:00", "12:00");
        var service = await t.CreateServiceAsync(60, staff: [anna]);
        var query = t.Route($"slots?serviceIds={service}&from=2026-12-10&to=2026-12-10");
        string[] all = ["2026-12-10T09:00:00+01:00", "2026-12-10T10:00:00+01:00", "2026-12-10T11:00:00+01:00"];
        Starts(await t.Client.GetAsync(query).ShouldBeOk()).ShouldBe(all);
        Starts(await t.Client.GetAsync(query).ShouldBeOk()).ShouldBe(all);

        await t.Client.PostJson(t.Route("appointments"), new { serviceIds = new[] { service }, staffId = anna, startsAt = "2026-12-10T10:00:00+01:00", client = new { name = "Olga" } })
            .ShouldBe(HttpStatusCode.Created);
        Starts(await t.Client.GetAsync(query).ShouldBeOk()).ShouldBe(["2026-12-10T09:00:00+01:00", "2026-12-10T11:00:00+01:00"]);

        var url = $"/api/v1/tenants/{t.Slug}/catalog/services/{service}";
        // (No If-Match: the Catalog marks the service booked on its own, in the background.)
        await t.Client.PatchJson(url, new { durationMinutes = 120 }).ShouldBeOk();
        Starts(await t.Client.GetAsync(query).ShouldBeOk()).ShouldBeEmpty();

        await t.Client.PatchJson(url, new { durationMinutes = 60 }).ShouldBeOk();
        Starts(await t.Client.GetAsync(query).ShouldBeOk()).ShouldBe(["2026-12-10T09:00:00+01:00", "2026-12-10T11:00:00+01:00"]);
        await t.Client.PostJson(t.Route($"staff/{anna}/time-off"), new { startsAt = "2026-12-10T11:00:00+01:00", endsAt = "2026-12-10T12:00:00+01:00", reason = "Dentist" })
            .ShouldBe(HttpStatusCode.Created);
        Starts(await t.Client.GetAsync(query).ShouldBeOk()).ShouldBe(["2026-12-10T09:00:00+01:00"]);
    }

    [Fact]
    public async Task A_ten_o_clock_slot_is_ten_on_the_Berlin_clock_on_the_day_the_clocks_change()
    {
        var t = await SchedulingTestTenant.CreateAsync(app);
        await t.SettingsAsync(new { minimumNoticeMinutes = 0, slotStepMinutes = 60, horizonDays = 400 });
        var anna = await t.StaffWorkingEveryDayAsync("Anna", "09:00", "12:00");
        var service = await t.CreateServiceAsync(60);

        var spring = await t.Client.GetAsync(t.Route($"slots?serviceIds={service}&from=2027-03-28&to=2027-03-28&timeZone=UTC")).ShouldBeOk();
        Starts(spring).ShouldBe(["2027-03-28T07:00:00+00:00", "2027-03-28T08:00:00+00:00", "2027-03-28T09:00:00+00:00"]);
        var autumn = await t.Client.GetAsync(t.Route($"slots?serviceIds={service}&from=2027-10-31&to=2027-10-31")).ShouldBeOk();
        Starts(autumn)[1].ShouldBe("2027-10-31T10:00:00+01:00");
        anna.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_service_needing_a_resource_gets_a_free_unit_and_none_without_one()
    {
        var t = await SchedulingTestTenant.CreateAsync(app);
        await t.SettingsAsync(new { minimumNoticeMinutes = 0, slotStepMinutes = 60 });
        var anna = await t.StaffWorkingEveryDayAsync("Anna", "09:00", "11:00");
        var service = await t.CreateServiceAsync(60, resourceKind: "chair");
        var query = t.Route($"slots?serviceIds={service}&from=2026-12-10&to=2026-12-10");

        Starts(await t.Client.GetAsync(query).ShouldBeOk()).ShouldBeEmpty();
        var chair = (await t.Client.PostJson(t.Route("resources"), new { name = "Chair", kind = "chair", capacity = 1 }).ShouldBe(HttpStatusCode.Created)).Str("id");
        await t.BlockAsync(Guid.NewGuid().ToString(), DateTimeOffset.Parse("2026-12-10T09:00:00+01:00", CultureInfo.InvariantCulture), DateTimeOffset.Parse("2026-12-10T10:00:00+01:00", CultureInfo.InvariantCulture), chair, 0);

        var answer = await t.Client.GetAsync(query).ShouldBeOk();
        Starts(answer).ShouldBe(["2026-12-10T10:00:00+01:00"]);
        answer.GetProperty("days")[0].GetProperty("slots")[0].Str("resourceId").ShouldBe(chair);
        anna.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_public_page_offers_bookable_services_and_staff_only_and_an_exact_slot_can_be_checked()
    {
        var t = await SchedulingTestTenant.CreateAsync(app);
        await t.SettingsAsync(new { minimumNoticeMinutes = 0, slotStepMinutes = 30 });
        var anna = await t.StaffWorkingEveryDayAsync("Anna", "09:00", "10:00");
        var boris = await t.StaffWorkingEveryDayAsync("Boris", "09:00", "10:00");
        await t.Client.PatchJson(t.Route($"staff/{boris}"), new { bookable = false }).ShouldBeOk();
        var service = await t.CreateServiceAsync(30);
        var hidden = await t.CreateServiceAsync(30, onlineBookable: false);
        var anonymous = app.CreateClient();

        var page = await anonymous.GetAsync(t.PublicSlots($"serviceIds={service}&from=2026-12-10&to=2026-12-10")).ShouldBeOk();
        page.GetProperty("days")[0].GetProperty("slots").EnumerateArray().Select(s => s.Str("staffName")).ShouldBe(["Anna", "Anna"]);
        (await t.Client.GetAsync(t.Route($"slots?serviceIds={service}&from=2026-12-10&to=2026-12-10&staffId={boris}")).ShouldBeOk()).GetProperty("days").GetArrayLength().ShouldBe(1);
        await anonymous.GetAsync(t.PublicSlots($"serviceIds={service}&staffId={boris}&from=2026-12-10&to=2026-12-10")).ShouldBeProblem(HttpStatusCode.NotFound);
        await anonymous.GetAsync(t.PublicSlots($"serviceIds={hidden}&from=2026-12-10&to=2026-12-10")).ShouldBeProblem(HttpStatusCode.NotFound);
        await anonymous.GetAsync($"/api/v1/public/tenants/{Http.Unique("nobody")}/booking/slots?serviceIds={service}&from=2026-12-10&to=2026-12-10").ShouldBeProblem(HttpStatusCode.NotFound);

        var offered = await t.InScopeAsync(sp => sp.GetRequiredService<SlotFinder>().FindOfferAsync([Guid.Parse(service)], null, DateTimeOffset.Parse("2026-12-10T09:30:00+01:00", CultureInfo.InvariantCulture), true, CancellationToken.None));
        offered.ShouldNotBeNull();
        offered.StaffId.ShouldBe(Guid.Parse(anna));
        offered.Parts.Single().BlockedUntil.ToDateTimeOffset().ShouldBe(DateTimeOffset.Parse("2026-12-10T09:00:00Z", CultureInfo.InvariantCulture));
        (await t.InScopeAsync(sp => sp.GetRequiredService<SlotFinder>().FindOfferAsync([Guid.Parse(service)], null, DateTimeOffset.Parse("2026-12-10T09:10:00+01:00", CultureInfo.InvariantCulture), true, CancellationToken.None)))
            .ShouldBeNull();
    }

    [Fact]
    public async Task Bad_queries_are_problems_not_errors()
    {
        var t = await SchedulingTestTenant.CreateAsync(app);
        var service = await t.CreateServiceAsync(30);
        var problems = new[]
        {
            "slots?from=2026-12-10&to=2026-12-10",
            $"slots?serviceIds=nope&from=2026-12-10&to=2026-12-10",
            $"slots?serviceIds={service}&from=2026-12-10&to=2026-12-01",
            $"slots?serviceIds={service}&from=2026-12-01&to=2027-03-01",
            $"slots?serviceIds={service}&from=10.12.2026&to=2026-12-10",
            $"slots?serviceIds={service}&from=2026-12-10&to=2026-12-10&timeZone=Moon/Base",
        };
        foreach (var query in problems)
        {
            await t.Client.GetAsync(t.Route(query)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        }

        await t.Client.GetAsync(t.Route($"slots?serviceIds={Guid.NewGuid()}&from=2026-12-10&to=2026-12-10")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}

public sealed class SlotSearchTestsOnSqlite(SqliteFactory app) : SlotSearchTests<SqliteFactory>(app);

public sealed class SlotSearchTestsOnPostgres(PostgresFactory app) : SlotSearchTests<PostgresFactory>(app);
