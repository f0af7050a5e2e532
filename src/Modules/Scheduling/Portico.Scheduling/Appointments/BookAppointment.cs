using Portico.Crm.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.Scheduling.Appointments;

/// <summary>The client as staff type them in; matched to a CRM contact by email or phone, or created as one.</summary>
internal sealed record ClientInput(string? Name, string? Email, string? Phone);

/// <summary>
/// Staff book an appointment from the console or through the API: one or more services in sequence with one staff member
/// at a start; a free unit of the resource kind a service needs is picked (or the one given). It can never double-book:
/// a staff member or resource already holding the time is a 409 <c>staff-busy</c> or <c>resource-busy</c> naming the
/// conflict and the time.
/// </summary>
internal static class BookAppointment
{
    internal sealed record Request(
        Guid[]? ServiceIds, Guid? StaffId, DateTimeOffset? StartsAt, Guid? ResourceId, Guid? ContactId, Guid? DealId, ClientInput? Client,
        string? Notes, string? Source, string? Locale, string? TimeZone);

    private static readonly TimeSpan Horizon = TimeSpan.FromDays(731);

    [RequiresPermission(SchedulingPermissions.Book)]
    internal sealed class Handler(AppointmentBooking booking, IClientContacts contacts, TimeProvider clock)
    {
        public async Task<AppointmentView> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            new Rules()
                .Check(request.ServiceIds is { Length: > 0 }, "serviceIds", "is required: one or more service ids, in the order they are performed.")
                .Check(request.StaffId is not null, "staffId", "is required.")
                .Check(request.StartsAt is not null, "startsAt", "is required (ISO 8601 with an offset).")
                .Check(request.StartsAt is null || (request.StartsAt > now - Horizon && request.StartsAt < now + Horizon), "startsAt", "must be within two years of today.")
                .Check(request.StartsAt is null || request.StartsAt.Value.Second == 0 && request.StartsAt.Value.Millisecond == 0, "startsAt", "must be a whole minute.")
                .OneOf(request.Source, "source", [AppointmentSources.Console, AppointmentSources.Api])
                .OneOf(request.Locale, "locale", ["en", "ru"])
                .Check(request.TimeZone is null || TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out _), "timeZone", "must be an IANA time zone such as Europe/Berlin.")
                .Length(request.Notes, "notes", 0, 4000)
                .Length(request.Client?.Name?.Trim(), "client.name", 1, 300)
                .ThrowIfInvalid();

            var client = await ClientAsync(request, cancellationToken);
            if (request.DealId is { } dealId && !await contacts.DealExistsAsync(dealId, cancellationToken))
            {
                throw ValidationException.For("dealId", "is not a deal of this tenant.");
            }

            var appointment = await booking.BookAsync(new BookingDraft(
                request.ServiceIds!, request.StaffId, request.StartsAt!.Value, request.ResourceId, request.Source ?? AppointmentSources.Api,
                client?.Id, request.DealId, client?.Name ?? request.Client?.Name?.Trim(), client?.Email, client?.Phone, request.Locale, request.TimeZone,
                string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim()), cancellationToken);
            return AppointmentView.From(appointment, []);
        }

        private async Task<ClientContact?> ClientAsync(Request request, CancellationToken cancellationToken)
        {
            if (request.ContactId is { } contactId)
            {
                return await contacts.FindAsync(contactId, cancellationToken) ?? throw ValidationException.For("contactId", "is not a contact of this tenant.");
            }

            if (request.Client is not { } given || (string.IsNullOrWhiteSpace(given.Email) && string.IsNullOrWhiteSpace(given.Phone)))
            {
                return null;
            }

            return await ClientContactFields.MatchOrCreateAsync(contacts, given.Name?.Trim() ?? given.Email ?? given.Phone!, given.Email, given.Phone, consent: false, "client.", cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/scheduling/appointments", async Task<Created<AppointmentView>> (Request request, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var appointment = await handler.HandleAsync(request, ct);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/scheduling/appointments/{appointment.Id}", appointment);
        })
        .WithName("BookAppointment")
        .WithRequestExample(new
        {
            serviceIds = (string[])["01938f4e-0000-7000-8000-000000000001"], staffId = "01938f4e-0000-7000-8000-000000000002", startsAt = "2026-12-07T10:00:00Z",
            client = new { name = "Анна Петрова", email = "anna@example.com", phone = "+79161234567" }, notes = "Первый визит",
        })
        .WithSummary("Book an appointment: services in sequence with one staff member at startsAt; a free resource unit is picked where a service needs one; 409 staff-busy or resource-busy names the conflict");
}

/// <summary>Matching the client to a CRM contact, with the CRM's field errors told as the booking's own fields.</summary>
internal static class ClientContactFields
{
    public static async Task<ClientContact> MatchOrCreateAsync(
        IClientContacts contacts, string name, string? email, string? phone, bool consent, string prefix, CancellationToken cancellationToken)
    {
        try
        {
            return await contacts.MatchOrCreateAsync(new ClientContactRequest(name, Blank(email), Blank(phone), consent, "booking"), cancellationToken);
        }
        catch (ValidationException invalid)
        {
            throw new ValidationException(invalid.Errors.ToDictionary(
                e => prefix + (e.Key.StartsWith("emails", StringComparison.Ordinal) ? "email" : e.Key.StartsWith("phones", StringComparison.Ordinal) ? "phone" : e.Key),
                e => e.Value, StringComparer.Ordinal));
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
