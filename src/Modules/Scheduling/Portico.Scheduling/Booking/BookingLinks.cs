using Microsoft.Extensions.Configuration;
using Portico.Kernel.Http;

namespace Portico.Scheduling.Booking;

/// <summary>
/// The signed links in a booking confirmation that let the client see, move or cancel their appointment without
/// signing in: the token carries the tenant and the appointment and an HMAC over both with a key every instance derives
/// alike (<see cref="PlatformKeys"/>). A changed character is a 404, like an unknown appointment. Whether the change is
/// still allowed (not cancelled, not past, the cancellation window) is the appointment's business, checked on use.
/// </summary>
internal sealed class BookingLinks(IConfiguration configuration, PublicLinks links)
{
    public const string KeyFile = "./data/keys/booking-links.key";

    private readonly SignedRecordTokens _tokens = new(() => PlatformKeys.Derive(configuration, "portico:scheduling:booking-links", KeyFile));

    public sealed record Manage(string Token, string View, string Cancel, string Reschedule, string Api);

    public string Issue(Guid tenantId, Guid appointmentId) => _tokens.Issue(tenantId, appointmentId);

    public Manage LinksFor(Guid tenantId, Guid appointmentId)
    {
        var token = Issue(tenantId, appointmentId);
        return new Manage(token, links.To($"/b/manage/{token}"), links.To($"/b/manage/{token}?action=cancel"), links.To($"/b/manage/{token}?action=reschedule"),
            links.To($"/api/v1/public/booking/{token}"));
    }

    /// <summary>The tenant and appointment a genuine token names, or null for anything else.</summary>
    public (Guid TenantId, Guid AppointmentId)? Read(string? token) => _tokens.Read(token);
}
