using System.Threading.RateLimiting;

namespace Portico.WorkOrders.Tracking;

/// <summary>
/// An in-process fixed window of so many requests a minute per key, for the client's signed-link routes
/// (<see cref="TrackingLimits"/>, <see cref="Garage.GarageLimits"/>): a person stays far below it, a script gets a 429
/// with the wait in <c>Retry-After</c>.
/// </summary>
internal abstract class PerMinuteLimit(int permitsPerMinute, string refusal) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public void Dispose()
    {
        _limiter.Dispose();
        GC.SuppressFinalize(this);
    }

    protected void Acquire(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        if (!lease.IsAcquired)
        {
            throw new TooManyRequestsException(refusal, lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1));
        }
    }
}
