using System.Net;
using System.Threading.RateLimiting;

namespace Portico.WorkOrders.Garage;

/// <summary>
/// The per-address limit on reading garages through the public API (in-process, like <see cref="Tracking.TrackingLimits"/>):
/// a person opens their garage a few times; a script walking tokens gets a 429. The page reads through the same use case
/// without this limit (it runs in the client's own circuit, one reload per change).
/// </summary>
internal sealed class GarageLimits : IDisposable
{
    public const int ReadsPerMinute = 60;

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = ReadsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public void Acquire(IPAddress? address)
    {
        using var lease = _limiter.AttemptAcquire(address?.ToString() ?? "unknown");
        if (!lease.IsAcquired)
        {
            throw new TooManyRequestsException(
                "Too many requests from your address. Wait a minute and try again.",
                lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1));
        }
    }

    public void Dispose() => _limiter.Dispose();
}
