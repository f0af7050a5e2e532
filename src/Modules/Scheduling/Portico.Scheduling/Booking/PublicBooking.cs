using Portico.Crm.Contracts;
using Portico.Kernel.Tenancy;
using Portico.Scheduling.Appointments;
using Portico.Tenancy.Contracts;

namespace Portico.Scheduling.Booking;

/// <summary>An appointment as its client sees it (on the booking page and behind the signed links): no internal notes or history.</summary>
internal sealed record PublicAppointmentView(
    Guid Id, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Studio, Guid StaffId, string StaffName,
    IReadOnlyList<PublicServiceView> Services, MoneyAmount Price, MoneyAmount Deposit, string? TimeZone, DateTimeOffset? ChangeableUntil, string Locale)
{
    public static PublicAppointmentView From(Appointment a, string studio, string staffName, TimeSpan window) => new(
        a.Id, a.Status, a.StartsAt, a.EndsAt, studio, a.StaffId, staffName,
        a.Lines.OrderBy(l => l.Position).Select(l => new PublicServiceView(l.ServiceId, l.Name, l.StartsAt, l.EndsAt)).ToList(),
        AppointmentView.Money(a.PriceMinor, a.Currency), AppointmentView.Money(a.DepositMinor, a.Currency), a.TimeZone,
        AppointmentStatuses.IsOpen(a.Status) ? a.StartsAt - window : null, a.Locale);
}

internal sealed record PublicServiceView(Guid ServiceId, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>The links a client keeps to see, move or cancel their appointment without signing in.</summary>
internal sealed record ManageLinks(string Token, string View, string Cancel, string Reschedule, string Api)
{
    public static ManageLinks From(BookingLinks.Manage m) => new(m.Token, m.View, m.Cancel, m.Reschedule, m.Api);
}

internal sealed record PublicBookingResult(PublicAppointmentView Appointment, ManageLinks Manage);

/// <summary>The way in for a studio's clients: the slug in the route becomes the request's tenant, as the host name does for its pages.</summary>
internal sealed class PublicStudio(RequestContext context, ITenantDirectory tenants, ITenantProfiles profiles)
{
    public const string Actor = "system:booking";

    public async Task<TenantProfile> EnterAsync(string slug, CancellationToken cancellationToken)
    {
        var tenant = slug.Length <= 100 ? await tenants.FindBySlugAsync(slug, cancellationToken) : null;
        var profile = tenant is null ? null : await profiles.FindAsync(tenant.Id, cancellationToken);
        if (profile is null || profile.Suspended)
        {
            throw new NotFoundException("Studio", slug);
        }

        context.SetTenant(profile.Id, profile.Slug);
        context.SetActor(Actor);
        return profile;
    }

    public async Task<TenantProfile> EnterAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var profile = await profiles.FindAsync(tenantId, cancellationToken);
        if (profile is null || profile.Suspended || await tenants.FindBySlugAsync(profile.Slug, cancellationToken) is null)
        {
            throw new NotFoundException("Booking", tenantId);
        }

        context.SetTenant(profile.Id, profile.Slug);
        context.SetActor(Actor);
        return profile;
    }
}

/// <summary>
/// A client books on the studio's page: services, a staff member or anyone, a start, their name, phone and email with
/// consent. The slot must be free (the same never-double-booking write as staff bookings); the client becomes a CRM
/// contact (matched by email or phone, or created) and gets the confirmation with an <c>.ics</c> and signed links to move
/// or cancel. Rate-limited per address like the web forms.
/// </summary>
internal static class BookPublicAppointment
{
    internal sealed record Request(
        Guid[]? ServiceIds, Guid? StaffId, DateTimeOffset? Start, string? Name, string? Phone, string? Email, bool? Consent, string? TimeZone, string? Notes, string? Locale);

    internal sealed class Handler(
        PublicStudio studio, PublicBookingLimits limits, ClientBookingPolicy policy, AppointmentBooking booking, BlockWriter blocks, SlotSearch.SlotFinder slots, IClientContacts contacts,
        BookingLinks links, SchedulingDbContext db, TimeProvider clock)
    {
        public async Task<PublicBookingResult> HandleAsync(string slug, Request request, HttpContext http, CancellationToken cancellationToken)
        {
            var profile = await studio.EnterAsync(slug, cancellationToken);
            limits.Acquire(profile.Slug, http.Connection.RemoteIpAddress);
            var rules = new Rules()
                .Check(request.ServiceIds is { Length: > 0 }, "serviceIds", "is required: pick one or more services.")
                .Required(request.Name, "name")
                .Length(request.Name?.Trim(), "name", 1, 200)
                .Check(!string.IsNullOrWhiteSpace(request.Email) || !string.IsNullOrWhiteSpace(request.Phone), "phone", "give a phone number or an email address.")
                .Check(string.IsNullOrWhiteSpace(request.Email) || EmailAddresses.IsValid(request.Email.Trim()), "email", "must be an email address.")
                .Length(request.Phone?.Trim(), "phone", 0, 40)
                .Check(request.Consent == true, "consent", "is required: tick the box to agree to the processing of your data.")
                .Check(request.TimeZone is null || TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out _), "timeZone", "must be an IANA time zone such as Europe/Berlin.")
                .OneOf(request.Locale, "locale", ["en", "ru"])
                .Length(request.Notes, "notes", 0, 2000);
            policy.CheckClientStart(rules, request.Start, clock.GetUtcNow(), "start");
            rules.ThrowIfInvalid();

            // A client takes only a slot the page offers (working hours, breaks, time off, holidays, notice, horizon), not
            // any free minute; checked before the contact is made, so a refused booking leaves nothing in the CRM. The
            // booking itself still meets the database's guarantee if someone took the slot in between.
            // What cannot be booked online (a service or a staff member kept off the page) is a 422 naming it first.
            await blocks.CandidatesAsync(request.StaffId, await blocks.ServicesAsync(request.ServiceIds!, publicOnly: true, cancellationToken), publicOnly: true, cancellationToken);
            var offer = await slots.FindOfferAsync(request.ServiceIds!, request.StaffId, request.Start!.Value, publicOnly: true, cancellationToken)
                ?? throw new ConflictException("This time is no longer offered: pick another free time.", "slot-not-offered");

            var contact = await ClientContactFields.MatchOrCreateAsync(contacts, request.Name!.Trim(), request.Email, request.Phone, consent: true, "", cancellationToken);
            var appointment = await booking.BookAsync(new BookingDraft(
                request.ServiceIds!, offer.StaffId, request.Start!.Value, null, AppointmentSources.Public, contact.Id, null, request.Name.Trim(),
                EmailAddresses.Normalize(request.Email?.Trim()) ?? contact.Email, contact.Phone ?? request.Phone?.Trim(), request.Locale ?? profile.Locale, request.TimeZone,
                string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim()), cancellationToken);
            var staffName = await db.Staff.AsNoTracking().Where(s => s.Id == appointment.StaffId).Select(s => s.DisplayName).FirstAsync(cancellationToken);
            return new PublicBookingResult(
                PublicAppointmentView.From(appointment, profile.Name, staffName, await policy.CancellationWindowAsync(cancellationToken)),
                ManageLinks.From(links.LinksFor(appointment.TenantId, appointment.Id)));
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapPost("/public/tenants/{slug}/booking/appointments", async Task<Created<PublicBookingResult>> (string slug, Request request, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var result = await handler.HandleAsync(slug, request, http, ct);
            return TypedResults.Created(result.Manage.Api, result);
        })
        .AllowAnonymous()
        .WithTags("Public")
        .WithName("BookPublicAppointment")
        .WithRequestExample(new
        {
            serviceIds = (string[])["01938f4e-0000-7000-8000-000000000001"], staffId = (string?)null, start = "2026-12-07T10:00:00Z",
            name = "Анна Петрова", phone = "+79161234567", email = "anna@example.com", consent = true, timeZone = "Europe/Moscow", notes = "",
        })
        .WithSummary("A client books an offered slot on the studio's page (staffId null: anyone free); answers the appointment and signed links to move or cancel it; 409 slot-not-offered / staff-busy / resource-busy when taken, 429 when an address books too often");
}

/// <summary>
/// What the signed links in a confirmation open: the appointment, cancelling it and moving it, and the appointment as a
/// calendar file, without signing in. The studio's cancellation window applies; a tampered or unknown token is a 404.
/// </summary>
internal static class ManageBooking
{
    internal sealed record CancelRequest(string? Reason);

    internal sealed record RescheduleRequest(DateTimeOffset? Start, Guid? StaffId);

    internal sealed class Handler(
        BookingLinks links, PublicStudio studio, ClientBookingPolicy policy, AppointmentBooking booking, SchedulingDbContext db, TimeProvider clock)
    {
        public async Task<PublicAppointmentView> GetAsync(string token, CancellationToken cancellationToken)
        {
            var (appointment, profileName) = await EnterAsync(token, cancellationToken);
            return await ViewAsync(appointment, profileName, cancellationToken);
        }

        /// <summary>The appointment as one calendar event: the invitation the emails carry (same UID and SEQUENCE), published for a download.</summary>
        public async Task<string> IcsAsync(string token, CancellationToken cancellationToken)
        {
            var (appointment, profileName) = await EnterAsync(token, cancellationToken);
            var method = appointment.Status == AppointmentStatuses.Cancelled ? "CANCEL" : "PUBLISH";
            return AppointmentMail.Ics(appointment, method, profileName, await StaffNameAsync(appointment, cancellationToken), AppointmentMail.ServiceNames(appointment),
                links.LinksFor(appointment.TenantId, appointment.Id));
        }

        public async Task<PublicAppointmentView> CancelAsync(string token, CancelRequest request, CancellationToken cancellationToken)
        {
            new Rules().Length(request.Reason, "reason", 0, 1000).ThrowIfInvalid();
            var (appointment, profileName) = await EnterAsync(token, cancellationToken);
            AppointmentChanges.RequireOpen(appointment, "cancelled");
            var now = clock.GetUtcNow();
            await policy.CheckClientCancellationAsync(appointment, now, cancellationToken);
            await booking.ChangeStatusAsync(appointment, AppointmentStatuses.Cancelled, string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(), "client", now, cancellationToken);
            return await ViewAsync(appointment, profileName, cancellationToken);
        }

        public async Task<PublicAppointmentView> RescheduleAsync(string token, RescheduleRequest request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var rules = new Rules();
            policy.CheckClientStart(rules, request.Start, now, "start");
            rules.ThrowIfInvalid();
            var (appointment, profileName) = await EnterAsync(token, cancellationToken);
            AppointmentChanges.RequireOpen(appointment, "rescheduled");
            await policy.CheckClientCancellationAsync(appointment, now, cancellationToken);
            db.ChangeTracker.Clear();
            var moved = await booking.RescheduleAsync(appointment.Id, request.Start, request.StaffId, null, publicOnly: true, cancellationToken);
            return await ViewAsync(moved, profileName, cancellationToken);
        }

        private async Task<(Appointment Appointment, string Studio)> EnterAsync(string token, CancellationToken cancellationToken)
        {
            var (tenantId, appointmentId) = links.Read(token) ?? throw new NotFoundException("Booking", "link");
            var profile = await studio.EnterAsync(tenantId, cancellationToken);
            return (await db.FindAppointmentAsync(appointmentId, cancellationToken), profile.Name);
        }

        private async Task<PublicAppointmentView> ViewAsync(Appointment appointment, string studioName, CancellationToken cancellationToken)
        {
            var staffName = await StaffNameAsync(appointment, cancellationToken);
            return PublicAppointmentView.From(appointment, studioName, staffName, await policy.CancellationWindowAsync(cancellationToken));
        }

        private async Task<string> StaffNameAsync(Appointment appointment, CancellationToken cancellationToken) =>
            await db.Staff.AsNoTracking().Where(s => s.Id == appointment.StaffId).Select(s => s.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/public/booking/{token}", async Task<Ok<PublicAppointmentView>> (string token, Handler handler, HttpContext http, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(await handler.GetAsync(token, ct));
            })
            .AllowAnonymous().WithTags("Public")
            .WithName("GetBookingByLink")
            .WithSummary("The appointment a signed manage link names (no sign-in); 404 for a tampered or unknown link");
        api.MapGet("/public/booking/{token}/ics", async Task<ContentHttpResult> (string token, Handler handler, HttpContext http, CancellationToken ct) =>
            {
                var ics = await handler.IcsAsync(token, ct);
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers.ContentDisposition = "attachment; filename=\"appointment.ics\"";
                return TypedResults.Text(ics, "text/calendar; charset=utf-8");
            })
            .AllowAnonymous().WithTags("Public")
            .WithName("GetBookingCalendarFile")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The appointment a signed manage link names as an .ics file for the client's calendar (the emails' UID, so it updates the same event); 404 for a tampered or unknown link");
        api.MapPost("/public/booking/{token}/cancel", async Task<Ok<PublicAppointmentView>> (string token, CancelRequest? request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.CancelAsync(token, request ?? new CancelRequest(null), ct)))
            .AllowAnonymous().WithTags("Public")
            .WithName("CancelBookingByLink")
            .WithRequestExample(new { reason = "Не получается прийти" })
            .WithSummary("The client cancels through the signed link; 409 cancellation-window-passed inside the studio's window, 409 appointment-status once closed");
        api.MapPost("/public/booking/{token}/reschedule", async Task<Ok<PublicAppointmentView>> (string token, RescheduleRequest request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.RescheduleAsync(token, request, ct)))
            .AllowAnonymous().WithTags("Public")
            .WithName("RescheduleBookingByLink")
            .WithRequestExample(new { start = "2026-12-08T15:00:00Z" })
            .WithSummary("The client moves the appointment through the signed link to another free start (or staff member); the cancellation window applies; 409 staff-busy when taken");
    }
}
