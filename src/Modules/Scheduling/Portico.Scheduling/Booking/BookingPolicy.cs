using System.Net;
using Portico.Kernel.Security;
using Microsoft.Extensions.Options;
using Portico.Scheduling.Appointments;

namespace Portico.Scheduling.Booking;

/// <summary>Settings under <c>Portico:Scheduling:Booking</c>.</summary>
internal sealed class BookingOptions
{
    public const string Section = "Portico:Scheduling:Booking";

    /// <summary>Public bookings one client address may make at one studio per minute; 0 turns the limit off (load tests).</summary>
    public int BookingsPerMinute { get; set; } = 10;

    /// <summary>How far ahead clients may book on the public page.</summary>
    public TimeSpan PublicHorizon { get; set; } = TimeSpan.FromDays(366);
}

/// <summary>
/// The rules a client meets when booking, moving or cancelling themselves (staff may override the cancellation window):
/// a slot in the future and within the horizon, the studio's cancellation window.
/// </summary>
internal sealed class ClientBookingPolicy(IOptions<BookingOptions> options, Settings.BookingPolicy studio)
{
    public const string WindowCode = "cancellation-window-passed";

    /// <summary>The studio's own window (its booking settings), or the configured default.</summary>
    public async Task<TimeSpan> CancellationWindowAsync(CancellationToken cancellationToken) => (await studio.CurrentAsync(cancellationToken)).CancellationWindow;

    /// <summary>409 <c>cancellation-window-passed</c> once the appointment starts sooner than the window.</summary>
    public async Task CheckClientCancellationAsync(Appointment appointment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var window = await CancellationWindowAsync(cancellationToken);
        if (appointment.StartsAt - now < window)
        {
            throw new ConflictException(
                $"Appointments can be cancelled or moved online until {window.TotalHours:0.#} hours before they start. Call the studio to change this one.", WindowCode);
        }
    }

    /// <summary>A time a client may pick: ahead of now, a whole minute, within the horizon.</summary>
    public void CheckClientStart(Rules rules, DateTimeOffset? startsAt, DateTimeOffset now, string field) => rules
        .Check(startsAt is not null, field, "is required (ISO 8601 with an offset).")
        .Check(startsAt is null || startsAt > now, field, "must be in the future.")
        .Check(startsAt is null || startsAt < now + options.Value.PublicHorizon, field, "is too far ahead.")
        .Check(startsAt is null || startsAt.Value.Second == 0 && startsAt.Value.Millisecond == 0, field, "must be a whole minute.");
}

/// <summary>The per-address limit on public bookings at one studio (in-process, like the web forms' limit).</summary>
internal sealed class PublicBookingLimits(IOptions<BookingOptions> options)
    : PerMinuteLimit(options.Value.BookingsPerMinute, "Too many bookings from your address. Wait a minute and try again.")
{
    public void Acquire(string tenantSlug, IPAddress? address) => Acquire(PerAddress(address, tenantSlug));
}
