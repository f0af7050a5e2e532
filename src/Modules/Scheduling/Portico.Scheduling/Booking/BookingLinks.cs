using System.Buffers.Text;
using System.Security.Cryptography;
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

    private readonly Lazy<byte[]> _key = new(() => PlatformKeys.Derive(configuration, "portico:scheduling:booking-links", KeyFile));

    public sealed record Manage(string Token, string View, string Cancel, string Reschedule, string Api);

    public string Issue(Guid tenantId, Guid appointmentId)
    {
        var ids = new byte[32];
        tenantId.TryWriteBytes(ids.AsSpan(0, 16));
        appointmentId.TryWriteBytes(ids.AsSpan(16, 16));
        return Base64Url.EncodeToString(ids) + "." + Base64Url.EncodeToString(Sign(ids));
    }

    public Manage LinksFor(Guid tenantId, Guid appointmentId)
    {
        var token = Issue(tenantId, appointmentId);
        return new Manage(token, links.To($"/b/manage/{token}"), links.To($"/b/manage/{token}?action=cancel"), links.To($"/b/manage/{token}?action=reschedule"),
            links.To($"/api/v1/public/booking/{token}"));
    }

    /// <summary>The tenant and appointment a genuine token names, or null for anything else.</summary>
    public (Guid TenantId, Guid AppointmentId)? Read(string? token)
    {
        if (token is not { Length: > 40 and < 120 } || token.Split('.') is not [var idsPart, var signaturePart])
        {
            return null;
        }

        var ids = new byte[32];
        var signature = new byte[32];
        if (!Base64Url.TryDecodeFromChars(idsPart, ids, out var idsLength) || idsLength != 32
            || !Base64Url.TryDecodeFromChars(signaturePart, signature, out var signatureLength) || signatureLength != 32
            || !CryptographicOperations.FixedTimeEquals(Sign(ids), signature))
        {
            return null;
        }

        return (new Guid(ids.AsSpan(0, 16)), new Guid(ids.AsSpan(16, 16)));
    }

    private byte[] Sign(byte[] ids) => HMACSHA256.HashData(_key.Value, ids);
}
