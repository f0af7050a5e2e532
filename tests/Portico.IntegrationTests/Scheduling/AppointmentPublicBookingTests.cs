using System.Net;
using System.Text;
using System.Text.Json;
using MimeKit;
using Portico.IntegrationTests.Infrastructure;
using static Portico.IntegrationTests.Scheduling.AppointmentStudio;

namespace Portico.IntegrationTests.Scheduling;

public abstract class AppointmentPublicBookingTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task A_client_books_on_the_public_page_becomes_a_contact_gets_the_ics_and_manages_the_booking_by_signed_link()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        var staff = await studio.AddStaffAsync("Public Master");
        var service = await studio.AddServiceAsync("Online haircut", minutes: 30, price: "25.00");
        var email = $"{Http.Unique("client")}@example.com";
        using var anonymous = app.CreateClient();

        var response = await anonymous.PostJson(studio.PublicBooking, new
        {
            serviceIds = new[] { service }, staffId = (Guid?)null, start = Iso(Day(14, 10)), name = "Olga Client", phone = "+4915112345678", email,
            consent = true, timeZone = "Europe/Berlin", notes = "Short please",
        });
        var result = await response.ShouldBe(HttpStatusCode.Created);
        var appointment = result.GetProperty("appointment");
        var id = appointment.Str("id");
        appointment.Str("staffName").ShouldBe("Public Master");
        appointment.Str("status").ShouldBe("booked");
        var token = result.GetProperty("manage").Str("token");
        result.GetProperty("manage").Str("cancel").ShouldContain(token);

        // The client is a CRM contact now, with the appointment on their timeline.
        var contacts = await studio.Client.GetAsync(studio.Tenant.Crm($"contacts?q={Uri.EscapeDataString(email)}")).ShouldBeOk();
        var contactId = contacts.GetProperty("items").EnumerateArray().Single().Str("id");
        var staffView = await studio.Client.GetAsync(studio.Appointments(id)).ShouldBeOk();
        staffView.Str("contactId").ShouldBe(contactId);
        staffView.Str("source").ShouldBe("public");
        await Patience.UntilAsync(async () =>
            (await studio.Client.GetAsync(studio.Tenant.Crm($"contacts/{contactId}/timeline")).ShouldBeOk())
                .GetProperty("items").EnumerateArray().Any(e => e.Str("kind") == "activity" && e.GetProperty("activity").Str("subject") == "Appointment booked: Online haircut"),
            "the booking on the contact's timeline");

        // The confirmation: English, with the links and an .ics invitation whose UID is the appointment's.
        var confirmation = await MailAsync(email, "Your appointment is booked: Online haircut");
        (confirmation.TextBody ?? "").ShouldContain(token);
        var ics = Calendar(confirmation);
        ics.ShouldContain("METHOD:REQUEST");
        ics.ShouldContain($"UID:appointment-{id}@portico");
        ics.ShouldContain("DTSTART:" + Day(14, 10).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));

        // A second booking with the same phone finds the same contact.
        var second = await anonymous.PostJson(studio.PublicBooking, new
        {
            serviceIds = new[] { service }, staffId = staff, start = Iso(Day(15, 10)), name = "Olga C.", phone = "+49 151 12345678", email, consent = true,
        }).ShouldBe(HttpStatusCode.Created);
        (await studio.Client.GetAsync(studio.Appointments(second.GetProperty("appointment").Str("id"))).ShouldBeOk()).Str("contactId").ShouldBe(contactId);

        // The signed link shows, moves and cancels without signing in; a changed character is a 404.
        (await anonymous.GetAsync($"/api/v1/public/booking/{token}").ShouldBeOk()).Str("id").ShouldBe(id);
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        await anonymous.GetAsync($"/api/v1/public/booking/{tampered}").ShouldBeProblem(HttpStatusCode.NotFound);
        await anonymous.GetAsync("/api/v1/public/booking/not-a-token").ShouldBeProblem(HttpStatusCode.NotFound);
        await anonymous.PostJson($"/api/v1/public/booking/{tampered}/cancel", new { }).ShouldBeProblem(HttpStatusCode.NotFound);

        var moved = await anonymous.PostJson($"/api/v1/public/booking/{token}/reschedule", new { start = Iso(Day(14, 12)) }).ShouldBeOk();
        moved.GetProperty("startsAt").GetDateTimeOffset().ShouldBe(Day(14, 12));
        Calendar(await MailAsync(email, "Appointment moved")).ShouldContain("SEQUENCE:1");
        await anonymous.PostJson($"/api/v1/public/booking/{token}/reschedule", new { start = Iso(Day(15, 10)) }).ShouldBeProblem(HttpStatusCode.Conflict);

        var cancelled = await anonymous.PostJson($"/api/v1/public/booking/{token}/cancel", new { reason = "Cannot come" }).ShouldBeOk();
        cancelled.Str("status").ShouldBe("cancelled");
        (await anonymous.PostJson($"/api/v1/public/booking/{token}/cancel", new { }).ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("/appointment-status");
        var cancellation = await MailAsync(email, "Appointment cancelled");
        Calendar(cancellation).ShouldContain("METHOD:CANCEL");
        Calendar(cancellation).ShouldContain($"UID:appointment-{id}@portico");
        (await studio.Client.GetAsync(studio.Appointments(id)).ShouldBeOk()).Str("cancelledBy").ShouldBe("client");
    }

    [Fact]
    public async Task A_russian_studio_sends_the_confirmation_in_russian_and_anyone_means_the_first_free_staff_member()
    {
        var studio = await AppointmentStudio.CreateAsync(app, locale: "ru");
        var first = await studio.AddStaffAsync("Алла");
        var second = await studio.AddStaffAsync("Белла");
        var service = await studio.AddServiceAsync("Стрижка", minutes: 60);
        await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = first, startsAt = Iso(Day(16, 10)) });
        var email = $"{Http.Unique("ru")}@example.com";
        using var anonymous = app.CreateClient();

        var result = await anonymous.PostJson(studio.PublicBooking, new { serviceIds = new[] { service }, start = Iso(Day(16, 10)), name = "Ирина", email, consent = true })
            .ShouldBe(HttpStatusCode.Created);

        result.GetProperty("appointment").Str("staffId").ShouldBe(second.ToString());
        var mail = await MailAsync(email, "Вы записаны: Стрижка (ru)");
        (mail.TextBody ?? "").ShouldContain("Отменить запись");
        (await anonymous.PostJson(studio.PublicBooking, new { serviceIds = new[] { service }, start = Iso(Day(16, 10)), name = "Ирина", email, consent = true })
            .ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("/slot-not-offered");
        // Outside the staff's hours (07:00–21:00 in Berlin) nothing is offered, though no one is booked then.
        (await anonymous.PostJson(studio.PublicBooking, new { serviceIds = new[] { service }, start = Iso(Day(16, 21)), name = "Ирина", email, consent = true })
            .ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("/slot-not-offered");
    }

    [Fact]
    public async Task The_public_page_refuses_bad_input_unknown_studios_and_what_cannot_be_booked_online()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        var hidden = await studio.AddStaffAsync("Backstage", bookable: false);
        await studio.AddStaffAsync("Front desk");
        var offline = await studio.AddServiceAsync("Phone only", onlineBookable: false);
        var online = await studio.AddServiceAsync("Online");
        using var anonymous = app.CreateClient();

        var problem = await anonymous.PostJson(studio.PublicBooking, new { start = Iso(DateTimeOffset.UtcNow.AddDays(-1)), consent = false, email = "nope", timeZone = "Nowhere/City" })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["serviceIds", "name", "email", "consent", "timeZone", "start"], ignoreOrder: true);
        (await anonymous.PostJson(studio.PublicBooking, new { serviceIds = new[] { offline }, start = Iso(Day(17, 10)), name = "A", phone = "+4915112345670", consent = true })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("serviceIds[0]", out _).ShouldBeTrue();
        (await anonymous.PostJson(studio.PublicBooking, new { serviceIds = new[] { online }, staffId = hidden, start = Iso(Day(17, 10)), name = "A", phone = "+4915112345670", consent = true })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("staffId", out _).ShouldBeTrue();
        (await anonymous.PostJson(studio.PublicBooking, new { serviceIds = new[] { online }, start = Iso(Day(17, 10)), name = "A", phone = "12", consent = true })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("phone", out _).ShouldBeTrue();
        await anonymous.PostJson($"/api/v1/public/tenants/{Http.Unique("nostudio")}/booking/appointments", new { }).ShouldBeProblem(HttpStatusCode.NotFound);
        await anonymous.PostAsync(studio.PublicBooking, Http.RawJson("{\"serviceIds\": [], \"extra\": true}")).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    /// <summary>The first email to <paramref name="address"/> whose subject starts so (the queue may send a client's emails in any order).</summary>
    private async Task<MimeMessage> MailAsync(string address, string subject) =>
        (await Patience.EventuallyAsync(
            () => Task.FromResult(app.Smtp.Received.FirstOrDefault(m =>
                m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase)) && (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal))),
            m => m is not null, $"an email '{subject}…' to {address}"))!;

    private static string Calendar(MimeMessage message)
    {
        var part = message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.MimeType == "text/calendar");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

public sealed class AppointmentPublicBookingOnSqlite(SqliteFactory app) : AppointmentPublicBookingTests<SqliteFactory>(app);

public sealed class AppointmentPublicBookingOnPostgres(PostgresFactory app) : AppointmentPublicBookingTests<PostgresFactory>(app);
