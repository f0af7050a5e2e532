using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Infrastructure;
using Portico.Scheduling.Booking;
using static Portico.IntegrationTests.Scheduling.AppointmentStudio;

namespace Portico.IntegrationTests.Scheduling;

/// <summary>The client's manage link as a calendar file: the appointment's own event, kept up to date, and nothing for a forged link.</summary>
public abstract class ManageBookingTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task The_manage_link_gives_the_appointment_as_an_ics_file_that_follows_moves_and_cancellation()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        await studio.AddStaffAsync("Calendar Master");
        var service = await studio.AddServiceAsync("Beard trim", minutes: 45);
        using var anonymous = app.CreateClient();
        var booked = await anonymous.PostJson(studio.PublicBooking, new
        {
            serviceIds = new[] { service }, start = Iso(Day(20, 9)), name = "Ivan Client", phone = "+4915112340001", consent = true,
        }).ShouldBe(HttpStatusCode.Created);
        var id = booked.GetProperty("appointment").Str("id");
        var token = booked.GetProperty("manage").Str("token");

        var response = await anonymous.GetAsync($"/api/v1/public/booking/{token}/ics");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var ics = await response.Content.ReadAsStringAsync();
        ics.ShouldStartWith("BEGIN:VCALENDAR");
        ics.ShouldContain("METHOD:PUBLISH");
        ics.ShouldContain($"UID:appointment-{id}@portico");
        ics.ShouldContain("DTSTART:" + Stamp(Day(20, 9)));
        ics.ShouldContain("DTEND:" + Stamp(Day(20, 9, 45)));
        ics.ShouldContain("SUMMARY:Beard trim — Studio Test");
        ics.ShouldContain("STATUS:CONFIRMED");
        ics.ShouldContain("SEQUENCE:0");
        ics.Replace("\r\n ", "", StringComparison.Ordinal).ShouldContain($"/b/manage/{token}");

        await anonymous.PostJson($"/api/v1/public/booking/{token}/reschedule", new { start = Iso(Day(20, 11)) }).ShouldBeOk();
        var moved = await anonymous.GetStringAsync($"/api/v1/public/booking/{token}/ics");
        moved.ShouldContain("DTSTART:" + Stamp(Day(20, 11)));
        moved.ShouldContain("SEQUENCE:1");
        moved.ShouldContain($"UID:appointment-{id}@portico");

        await anonymous.PostJson($"/api/v1/public/booking/{token}/cancel", new { reason = "Ill" }).ShouldBeOk();
        var cancelled = await anonymous.GetStringAsync($"/api/v1/public/booking/{token}/ics");
        cancelled.ShouldContain("METHOD:CANCEL");
        cancelled.ShouldContain("STATUS:CANCELLED");
    }

    [Fact]
    public async Task A_client_moving_their_booking_is_offered_times_overlapping_its_own()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        await studio.AddStaffAsync("Solo Master");
        var service = await studio.AddServiceAsync("Colour", minutes: 60);
        using var anonymous = app.CreateClient();
        var booked = await anonymous.PostJson(studio.PublicBooking, new
        {
            serviceIds = new[] { service }, start = Iso(Day(20, 9)), name = "Vera Client", phone = "+4915112340002", consent = true,
        }).ShouldBe(HttpStatusCode.Created);
        var token = booked.GetProperty("manage").Str("token");
        var date = Day(20, 9).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var query = $"/api/v1/public/tenants/{studio.Slug}/booking/slots?serviceIds={service}&from={date}&to={date}";
        async Task<List<DateTimeOffset>> StartsAsync(string url) =>
            (await anonymous.GetAsync(url).ShouldBeOk()).GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("slots").EnumerateArray())
                .Select(s => DateTimeOffset.Parse(s.Str("start"), CultureInfo.InvariantCulture)).ToList();

        // Half an hour later overlaps the booking itself: nobody else may take it, but its own client may move there.
        (await StartsAsync(query)).ShouldNotContain(Day(20, 9, 30));
        (await StartsAsync(query + $"&rescheduling={token}")).ShouldContain(Day(20, 9, 30));
        await anonymous.PostJson($"/api/v1/public/booking/{token}/reschedule", new { start = Iso(Day(20, 9, 30)) }).ShouldBeOk();

        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        await anonymous.GetAsync(query + $"&rescheduling={tampered}").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_forged_or_unknown_link_has_no_calendar_file()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        await studio.AddStaffAsync("Forgery Master");
        var service = await studio.AddServiceAsync("Colour", minutes: 30);
        using var anonymous = app.CreateClient();
        var booked = await anonymous.PostJson(studio.PublicBooking, new
        {
            serviceIds = new[] { service }, start = Iso(Day(21, 10)), name = "Eve Client", phone = "+4915112340002", consent = true,
        }).ShouldBe(HttpStatusCode.Created);
        var token = booked.GetProperty("manage").Str("token");
        var links = app.Services.GetRequiredService<BookingLinks>();

        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        await anonymous.GetAsync($"/api/v1/public/booking/{tampered}/ics").ShouldBeProblem(HttpStatusCode.NotFound);
        await anonymous.GetAsync("/api/v1/public/booking/not-a-token/ics").ShouldBeProblem(HttpStatusCode.NotFound);
        // Genuinely signed, but naming no appointment of the tenant, or a tenant that does not exist.
        await anonymous.GetAsync($"/api/v1/public/booking/{links.Issue(studio.TenantId, Guid.NewGuid())}/ics").ShouldBeProblem(HttpStatusCode.NotFound);
        var appointmentId = Guid.Parse(booked.GetProperty("appointment").Str("id"));
        await anonymous.GetAsync($"/api/v1/public/booking/{links.Issue(Guid.NewGuid(), appointmentId)}/ics").ShouldBeProblem(HttpStatusCode.NotFound);
        // The same appointment id under another studio's signature is still nothing.
        var other = await AppointmentStudio.CreateAsync(app);
        await anonymous.GetAsync($"/api/v1/public/booking/{links.Issue(other.TenantId, appointmentId)}/ics").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}

public sealed class ManageBookingOnSqlite(SqliteFactory app) : ManageBookingTests<SqliteFactory>(app);

public sealed class ManageBookingOnPostgres(PostgresFactory app) : ManageBookingTests<PostgresFactory>(app);
