using System.Net;
using System.Threading.RateLimiting;
using Portico.Kernel.Errors;

namespace Portico.Kernel.Security;

/// <summary>
/// An in-process fixed window of so many requests a minute per key, the one home of the limits that public and
/// account routes keep in code (web forms, public booking and slot search, codes sent per account, the workshop's signed
/// links): a person stays far below it, a script gets a 429 with the wait in <c>Retry-After</c>. With several instances
/// each enforces its own share, which still stops a script hammering from one address. Zero permits turns it off.
/// </summary>
public abstract class PerMinuteLimit(int permitsPerMinute, string refusal) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        permitsPerMinute <= 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
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

    /// <summary>The key of one address, optionally within a scope (a form, a studio, an order).</summary>
    protected static string PerAddress(IPAddress? address, string? scope = null) =>
        scope is null ? address?.ToString() ?? "unknown" : $"{address?.ToString() ?? "unknown"} {scope}";

    /// <summary>Counts one request under <paramref name="key"/>; past the limit, a 429 naming the wait.</summary>
    protected void Acquire(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        if (!lease.IsAcquired)
        {
            throw new TooManyRequestsException(refusal, lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1));
        }
    }
}
