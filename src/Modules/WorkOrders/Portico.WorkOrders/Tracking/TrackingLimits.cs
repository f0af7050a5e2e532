using System.Net;
using System.Threading.RateLimiting;

namespace Portico.WorkOrders.Tracking;

/// <summary>
/// The per-address limit on the client's decisions through a tracking link (in-process, like the web forms' and the
/// public booking's limits): a handful a minute per address and order is plenty for a person and nothing for a script.
/// </summary>
internal sealed class TrackingLimits : IDisposable
{
    public const int DecisionsPerMinute = 10;

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = DecisionsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public void Acquire(Guid orderId, IPAddress? address)
    {
        using var lease = _limiter.AttemptAcquire($"{address?.ToString() ?? "unknown"} {orderId:N}");
        if (!lease.IsAcquired)
        {
            throw new TooManyRequestsException(
                "Too many attempts from your address. Wait a minute and try again.",
                lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1));
        }
    }

    public void Dispose() => _limiter.Dispose();
}
