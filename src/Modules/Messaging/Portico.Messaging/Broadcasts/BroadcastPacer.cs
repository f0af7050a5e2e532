using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portico.Messaging.Broadcasts;

/// <summary>
/// Keeps each bot's broadcast sends under Telegram's limit: a token bucket of
/// <see cref="MessagingOptions.BroadcastMessagesPerSecond"/> refilled every 100 ms (so a second's sends spread out
/// instead of bursting), and a hold that a 429 puts on the whole bot for its <c>retry_after</c>: Telegram's flood
/// control is per bot, so every sender of that bot waits, not only the one refused. One broadcast of a bot runs at a
/// time (<see cref="BroadcastJob"/>), so no chat gets two broadcast messages in the same second.
/// </summary>
internal sealed class BroadcastPacer(IOptions<MessagingOptions> options, TimeProvider clock) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Gate> _gates = new();

    public async Task WaitTurnAsync(Guid botId, CancellationToken cancellationToken)
    {
        var gate = GateOf(botId);
        while (true)
        {
            while (gate.HeldUntil - clock.GetUtcNow() is { Ticks: > 0 } hold)
            {
                await Task.Delay(hold, clock, cancellationToken);
            }

            using var lease = await gate.Limiter.AcquireAsync(1, cancellationToken);
            // A 429 may have put the hold on while this sender queued for its token: it waits that out as well (then
            // takes a new token) instead of sending into Telegram's flood control.
            if (gate.HeldUntil <= clock.GetUtcNow())
            {
                return;
            }
        }
    }

    /// <summary>Telegram said 429: nobody sends for this bot until <paramref name="wait"/> has passed; the caller waits it out too.</summary>
    public Task HoldAsync(Guid botId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var gate = GateOf(botId);
        var until = clock.GetUtcNow() + wait;
        lock (gate)
        {
            if (until > gate.HeldUntil)
            {
                gate.HeldUntil = until;
            }
        }

        return Task.Delay(wait, clock, cancellationToken);
    }

    private Gate GateOf(Guid botId) => _gates.GetOrAdd(botId, _ =>
    {
        var perTenth = Math.Max(1, options.Value.BroadcastMessagesPerSecond / 10);
        return new Gate(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perTenth,
            TokensPerPeriod = perTenth,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100.0 * perTenth * 10 / options.Value.BroadcastMessagesPerSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
    });

    public void Dispose()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Limiter.Dispose();
        }
    }

    private sealed class Gate(TokenBucketRateLimiter limiter)
    {
        public TokenBucketRateLimiter Limiter { get; } = limiter;

        public DateTimeOffset HeldUntil { get; set; }
    }
}
