using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Portico.Scheduling.Appointments;

namespace Portico.Scheduling.Booking;

/// <summary>Settings under <c>Portico:Scheduling:Booking</c>.</summary>
internal sealed class BookingOptions
{
    public const string Section = "Portico:Scheduling:Booking";

    /// <summary>Public bookings one client address may make at one studio per minute; 0 turns the limit off (load tests).</summary>
    public int BookingsPerMinute { get; set; } = 10;

    /// <summary>How close to its start a client may still cancel or move an appointment themselves, when the studio set no window.</summary>
    public TimeSpan DefaultCancellationWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How far ahead clients may book on the public page.</summary>
    public TimeSpan PublicHorizon { get; set; } = TimeSpan.FromDays(366);
}

/// <summary>
/// The rules a client meets when booking, moving or cancelling themselves (staff may override the cancellation window):
/// a slot in the future and within the horizon, the studio's cancellation window.
/// </summary>
internal sealed class BookingPolicy(IOptions<BookingOptions> options)
{
    public const string WindowCode = "cancellation-window-passed";

    public Task<TimeSpan> CancellationWindowAsync(CancellationToken cancellationToken) => Task.FromResult(options.Value.DefaultCancellationWindow);

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
internal sealed class PublicBookingLimits(IOptions<BookingOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.BookingsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public void Acquire(string tenantSlug, IPAddress? address)
    {
        if (options.Value.BookingsPerMinute == 0)
        {
            return;
        }

        using var lease = _limiter.AttemptAcquire($"{address?.ToString() ?? "unknown"} {tenantSlug}");
        if (!lease.IsAcquired)
        {
            throw new TooManyRequestsException(
                "Too many bookings from your address. Wait a minute and try again.",
                lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1));
        }
    }

    public void Dispose() => _limiter.Dispose();
}
