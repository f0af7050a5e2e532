using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;
using static Portico.IntegrationTests.Scheduling.AppointmentStudio;

namespace Portico.IntegrationTests.Scheduling;

public abstract class AppointmentTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task An_appointment_is_booked_with_its_services_in_sequence_and_goes_through_its_lifecycle_with_history()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        var staff = await studio.AddStaffAsync("Maria");
        var cut = await studio.AddServiceAsync("Haircut", minutes: 45, bufferAfter: 10, price: "40.00", deposit: "10.00");
        var color = await studio.AddServiceAsync("Colouring", minutes: 60, bufferBefore: 5, price: "80.00");
        var start = Day(3, 9);

        var booked = await studio.BookedAsync(new { serviceIds = new[] { cut, color }, staffId = staff, startsAt = Iso(start), notes = "First visit", source = "console" });

        booked.Str("status").ShouldBe("booked");
        booked.Str("source").ShouldBe("console");
        booked.GetProperty("startsAt").GetDateTimeOffset().ShouldBe(start);
        // 45 min, 10 min cleaning, 5 min preparation, 60 min.
        booked.GetProperty("endsAt").GetDateTimeOffset().ShouldBe(start.AddMinutes(45 + 10 + 5 + 60));
        var lines = booked.GetProperty("services").EnumerateArray().ToList();
        lines.Select(l => l.Str("name")).ShouldBe(["Haircut", "Colouring"]);
        lines[1].GetProperty("startsAt").GetDateTimeOffset().ShouldBe(start.AddMinutes(60));
        booked.GetProperty("price").Str("amount").ShouldBe("120.00");
        booked.GetProperty("deposit").Str("amount").ShouldBe("10.00");

        var id = booked.Str("id");
        await studio.Client.PostAsync(studio.Appointments($"{id}/confirm"), null).ShouldBeOk();
        var completed = await studio.Client.PostAsync(studio.Appointments($"{id}/complete"), null).ShouldBeOk();
        completed.Str("status").ShouldBe("completed");

        var problem = await studio.Client.PostAsync(studio.Appointments($"{id}/confirm"), null).ShouldBeProblem(HttpStatusCode.Conflict);
        problem.Str("type").ShouldEndWith("/appointment-status");
        await studio.Client.PostJson(studio.Appointments($"{id}/cancel"), new { reason = "late" }).ShouldBeProblem(HttpStatusCode.Conflict);
        await studio.Client.PostJson(studio.Appointments($"{id}/reschedule"), new { startsAt = Iso(Day(4, 9)) }).ShouldBeProblem(HttpStatusCode.Conflict);

        var read = await studio.Client.GetAsync(studio.Appointments(id)).ShouldBeOk();
        read.GetProperty("history").EnumerateArray().Select(h => h.Str("to")).ShouldBe(["booked", "confirmed", "completed"]);
        read.GetProperty("history")[1].Str("from").ShouldBe("booked");
        read.GetProperty("history")[1].Str("actor").ShouldStartWith("user:");
        read.Str("notes").ShouldBe("First visit");

        var patched = await studio.Client.PatchJson(studio.Appointments(id), new { notes = "Prefers mornings" }).ShouldBeOk();
        patched.Str("notes").ShouldBe("Prefers mornings");

        // A start given in Moscow time (+03:00) is the same instant: 18:00+03:00 is 15:00 UTC.
        var noShow = await studio.BookedAsync(new { serviceIds = new[] { cut }, staffId = staff, startsAt = Day(3, 15).ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture) });
        noShow.GetProperty("startsAt").GetDateTimeOffset().ShouldBe(Day(3, 15));
        (await studio.Client.PostAsync(studio.Appointments($"{noShow.Str("id")}/no-show"), null).ShouldBeOk()).Str("status").ShouldBe("no_show");
        await studio.Client.PostAsync(studio.Appointments($"{noShow.Str("id")}/complete"), null).ShouldBeProblem(HttpStatusCode.Conflict);

        var list = await studio.Client.GetAsync(studio.Appointments($"?from={Iso(Day(3, 0))}&to={Iso(Day(4, 0))}&staffId={staff}")).ShouldBeOk();
        list.GetProperty("items").EnumerateArray().Select(a => a.Str("id")).ShouldBe([id, noShow.Str("id")]);
        (await studio.Client.GetAsync(studio.Appointments($"?from={Iso(Day(3, 0))}&status=no_show")).ShouldBeOk())
            .GetProperty("items").EnumerateArray().Select(a => a.Str("id")).ShouldBe([noShow.Str("id")]);
        (await studio.Client.GetAsync(studio.Appointments($"?from={Iso(Day(5, 0))}")).ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_staff_member_or_resource_already_holding_the_time_is_a_409_naming_the_conflict_and_a_cancelled_appointment_frees_it()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        var anna = await studio.AddStaffAsync("Anna");
        var olga = await studio.AddStaffAsync("Olga");
        var inna = await studio.AddStaffAsync("Inna");
        await studio.AddResourceAsync("Chair row", "chair", capacity: 2);
        var cut = await studio.AddServiceAsync("Cut", minutes: 30, bufferAfter: 15, resourceKind: "chair");
        var start = Day(5, 10);

        var first = await studio.BookedAsync(new { serviceIds = new[] { cut }, staffId = anna, startsAt = Iso(start) });
        first.GetProperty("services")[0].GetProperty("resourceUnit").GetInt32().ShouldBe(0);

        // The buffer after counts: 10:40 is still Anna's cleaning time.
        var busy = await studio.BookAsync(new { serviceIds = new[] { cut }, staffId = anna, startsAt = Iso(start.AddMinutes(40)) }).ShouldBeProblem(HttpStatusCode.Conflict);
        busy.Str("type").ShouldEndWith("/staff-busy");
        busy.Str("detail").ShouldContain("Anna");
        busy.Str("detail").ShouldContain(Iso(start)[..16]);
        await studio.BookedAsync(new { serviceIds = new[] { cut }, staffId = anna, startsAt = Iso(start.AddMinutes(45)) });

        var second = await studio.BookedAsync(new { serviceIds = new[] { cut }, staffId = olga, startsAt = Iso(start) });
        second.GetProperty("services")[0].GetProperty("resourceUnit").GetInt32().ShouldBe(1);
        var noChair = await studio.BookAsync(new { serviceIds = new[] { cut }, staffId = inna, startsAt = Iso(start.AddMinutes(10)) }).ShouldBeProblem(HttpStatusCode.Conflict);
        noChair.Str("type").ShouldEndWith("/resource-busy");
        noChair.Str("detail").ShouldContain("chair");

        var cancelled = await studio.Client.PostJson(studio.Appointments($"{second.Str("id")}/cancel"), new { reason = "Studio closed early" }).ShouldBeOk();
        cancelled.Str("status").ShouldBe("cancelled");
        cancelled.Str("cancelledBy").ShouldBe("studio");
        cancelled.Str("cancellationReason").ShouldBe("Studio closed early");
        await studio.BookedAsync(new { serviceIds = new[] { cut }, staffId = inna, startsAt = Iso(start.AddMinutes(10)) });

        // Moving onto a taken time is refused the same way; moving into a free one works and keeps the price booked.
        await studio.Client.PostJson(studio.Appointments($"{first.Str("id")}/reschedule"), new { startsAt = Iso(start.AddMinutes(45)) }).ShouldBeProblem(HttpStatusCode.Conflict);
        var moved = await studio.Client.PostJson(studio.Appointments($"{first.Str("id")}/reschedule"), new { startsAt = Iso(start.AddHours(3)), staffId = olga }).ShouldBeOk();
        moved.Str("staffId").ShouldBe(olga.ToString());
        moved.GetProperty("startsAt").GetDateTimeOffset().ShouldBe(start.AddHours(3));
        await studio.BookedAsync(new { serviceIds = new[] { cut }, staffId = anna, startsAt = Iso(start) });
    }

    [Fact]
    public async Task Two_hundred_parallel_bookings_for_ten_slots_give_ten_appointments_and_190_clean_409s()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        var staff = await studio.AddStaffAsync("Busy Bee");
        var service = await studio.AddServiceAsync("Quick trim", minutes: 30);
        var slots = Enumerable.Range(0, 10).Select(i => Day(6, 8).AddMinutes(30 * i)).ToList();

        using var gate = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, 200).Select(async i =>
        {
            await gate.WaitAsync();
            using var response = await studio.BookAsync(new { serviceIds = new[] { service }, staffId = staff, startsAt = Iso(slots[i % 10]) });
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        gate.Release(200);
        var results = await Task.WhenAll(attempts);

        results.Where(r => r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict)).Select(r => $"{r.StatusCode}: {r.Body}").ShouldBeEmpty();
        results.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(10);
        results.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(190);
        results.Where(r => r.StatusCode == HttpStatusCode.Conflict).ShouldAllBe(r => r.Body.Contains("staff-busy") && r.Body.Contains("Busy Bee"));
        var booked = await studio.Client.GetAsync(studio.Appointments($"?from={Iso(Day(6, 0))}&to={Iso(Day(7, 0))}")).ShouldBeOk();
        booked.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("startsAt").GetDateTimeOffset()).ShouldBe(slots);
    }

    [Fact]
    public async Task A_client_cancelling_inside_the_window_is_a_409_unless_staff_override_it_and_the_studio_may_always_cancel()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        var staff = await studio.AddStaffAsync("Vera");
        var service = await studio.AddServiceAsync("Manicure");
        var soon = DateTimeOffset.UtcNow.AddHours(3);
        soon = new DateTimeOffset(soon.Year, soon.Month, soon.Day, soon.Hour, 0, 0, TimeSpan.Zero);
        var tomorrowish = await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = staff, startsAt = Iso(soon) });
        var later = await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = staff, startsAt = Iso(Day(8, 10)) });
        var third = await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = staff, startsAt = Iso(soon.AddHours(1)) });

        (await studio.Client.PostJson(studio.Appointments($"{tomorrowish.Str("id")}/cancel"), new { reason = "Client called", byClient = true })
            .ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("/cancellation-window-passed");
        var overridden = await studio.Client.PostJson(studio.Appointments($"{tomorrowish.Str("id")}/cancel"), new { reason = "Client called", byClient = true, overrideWindow = true }).ShouldBeOk();
        overridden.Str("cancelledBy").ShouldBe("client");
        (await studio.Client.PostJson(studio.Appointments($"{later.Str("id")}/cancel"), new { byClient = true }).ShouldBeOk()).Str("cancelledBy").ShouldBe("client");
        (await studio.Client.PostJson(studio.Appointments($"{third.Str("id")}/cancel"), new { reason = "Master ill" }).ShouldBeOk()).Str("cancelledBy").ShouldBe("studio");
    }

    [Fact]
    public async Task Appointment_events_reach_the_event_stream()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        var staff = await studio.AddStaffAsync("Streamer");
        var service = await studio.AddServiceAsync("Streamed service");
        using var stream = await SseClient.OpenAsync(studio.Client, $"/api/v1/tenants/{studio.Slug}/events/stream");

        var booked = await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = staff, startsAt = Iso(Day(9, 11)) });
        (await stream.NextAsync("appointment-booked")).Data.ShouldContain(booked.Str("id"));
        await studio.Client.PostJson(studio.Appointments($"{booked.Str("id")}/reschedule"), new { startsAt = Iso(Day(9, 13)) }).ShouldBeOk();
        (await stream.NextAsync("appointment-rescheduled")).Data.ShouldContain(booked.Str("id"));
        await studio.Client.PostAsync(studio.Appointments($"{booked.Str("id")}/no-show"), null).ShouldBeOk();
        (await stream.NextAsync("appointment-no-show")).Data.ShouldContain(booked.Str("id"));
    }

    [Fact]
    public async Task Another_tenants_appointment_is_a_404_on_every_route()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        var other = await AppointmentStudio.CreateAsync(app);
        var staff = await studio.AddStaffAsync("Private");
        var service = await studio.AddServiceAsync("Private service");
        var theirStaff = await other.AddStaffAsync("Theirs");
        var booked = await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = staff, startsAt = Iso(Day(10, 10)) });
        var id = booked.Str("id");

        await other.Client.GetAsync(other.Appointments(id)).ShouldBeProblem(HttpStatusCode.NotFound);
        await other.Client.PatchJson(other.Appointments(id), new { notes = "x" }).ShouldBeProblem(HttpStatusCode.NotFound);
        await other.Client.PostJson(other.Appointments($"{id}/reschedule"), new { startsAt = Iso(Day(10, 12)) }).ShouldBeProblem(HttpStatusCode.NotFound);
        foreach (var action in new[] { "confirm", "complete", "no-show", "cancel" })
        {
            await other.Client.PostJson(other.Appointments($"{id}/{action}"), new { }).ShouldBeProblem(HttpStatusCode.NotFound);
        }

        // Their ids in a body are unknown here too; the list shows nothing of the other tenant.
        (await other.BookAsync(new { serviceIds = new[] { service }, staffId = theirStaff, startsAt = Iso(Day(10, 10)) }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("serviceIds[0]", out _).ShouldBeTrue();
        (await other.Client.GetAsync(other.Appointments($"?from={Iso(Day(10, 0))}")).ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await studio.Client.GetAsync(studio.Appointments(id)).ShouldBeOk()).Str("status").ShouldBe("booked");
    }

    [Fact]
    public async Task Bad_input_is_a_4xx_naming_the_fields()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        var staff = await studio.AddStaffAsync("Strict");
        var service = await studio.AddServiceAsync("Strict service");

        var problem = await studio.BookAsync(new { startsAt = "2026-12-07T10:00:30Z", source = "fax", timeZone = "Mars/Base", notes = new string('n', 4001) })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["serviceIds", "staffId", "startsAt", "source", "timeZone", "notes"], ignoreOrder: true);
        (await studio.BookAsync(new { serviceIds = new[] { service }, staffId = Guid.NewGuid(), startsAt = Iso(Day(11, 10)) }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("staffId", out _).ShouldBeTrue();
        (await studio.BookAsync(new { serviceIds = new[] { service, service }, staffId = staff, startsAt = Iso(Day(11, 10)) }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("serviceIds", out _).ShouldBeTrue();
        (await studio.BookAsync(new { serviceIds = new[] { service }, staffId = staff, startsAt = Iso(Day(11, 10)), contactId = Guid.NewGuid(), dealId = Guid.NewGuid() })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("contactId", out _).ShouldBeTrue();
        await studio.Client.PostAsync(studio.Appointments(), Http.RawJson("{\"serviceIds\": [\"" + service + "\"], \"surprise\": 1}")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await studio.Client.GetAsync(studio.Appointments("?status=maybe")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await studio.Client.GetAsync(studio.Appointments($"?from={Iso(Day(2, 0))}&to={Iso(Day(1, 0))}")).ShouldBeProblem(HttpStatusCode.BadRequest);

        var booked = await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = staff, startsAt = Iso(Day(11, 10)) });
        await studio.Client.PatchJson(studio.Appointments(booked.Str("id")), new { colour = "red" }).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await studio.Client.PatchJson(studio.Appointments(booked.Str("id")), new { dealId = Guid.NewGuid() }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("dealId", out _).ShouldBeTrue();
        await studio.Client.PostJson(studio.Appointments($"{booked.Str("id")}/reschedule"), new { }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Staff_book_for_a_crm_contact_and_link_the_appointment_to_a_deal()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        var staff = await studio.AddStaffAsync("Linker");
        var service = await studio.AddServiceAsync("Linked service");
        var contact = await studio.Tenant.CreateContactAsync(new { name = "Known Client", emails = new[] { "known-client@example.com" } });
        var deal = await studio.Tenant.CreateDealAsync(new { title = "Wedding look", contactId = contact.Str("id") });

        var booked = await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = staff, startsAt = Iso(Day(12, 10)), contactId = contact.Str("id") });
        booked.Str("contactId").ShouldBe(contact.Str("id"));
        booked.GetProperty("client").Str("email").ShouldBe("known-client@example.com");
        var linked = await studio.Client.PatchJson(studio.Appointments(booked.Str("id")), new { dealId = deal.Str("id") }).ShouldBeOk();
        linked.Str("dealId").ShouldBe(deal.Str("id"));

        // Typed in by staff with the same email: the same contact.
        var again = await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = staff, startsAt = Iso(Day(12, 12)), client = new { name = "K. Client", email = "Known-Client@example.com" } });
        again.Str("contactId").ShouldBe(contact.Str("id"));
        (await studio.Client.GetAsync(studio.Appointments($"?contactId={contact.Str("id")}")).ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(2);

        await Patience.UntilAsync(async () =>
        {
            var timeline = await studio.Client.GetAsync(studio.Tenant.Crm($"contacts/{contact.Str("id")}/timeline")).ShouldBeOk();
            return timeline.GetProperty("items").EnumerateArray().Count(e => e.Str("kind") == "activity" && e.GetProperty("activity").Str("subject").StartsWith("Appointment booked", StringComparison.Ordinal)) == 2;
        }, "both appointments on the contact's timeline");
    }
}

public sealed class AppointmentsOnSqlite(SqliteFactory app) : AppointmentTests<SqliteFactory>(app);

public sealed class AppointmentsOnPostgres(PostgresFactory app) : AppointmentTests<PostgresFactory>(app);
