using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portico.Kernel.Events;
using Portico.Kernel.Tenancy;

namespace Portico.Realtime;

/// <summary>
/// Server-side subscribers of a tenant's stream (console circuits). One reader per tenant and instance follows
/// the stored stream, as the SSE endpoint does (woken at once by this instance's events, polling for other
/// instances'), and hands each event to every subscriber: 200 open consoles of a tenant cost one query per wake-up, not 200.
/// </summary>
internal sealed class LiveEventFeed(
    IServiceScopeFactory scopes, StreamSignal signal, IOptions<RealtimeOptions> options, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<LiveEventFeed> logger) : ILiveEvents
{
    private const int BatchSize = 200;
    private readonly StreamSignal _signal = signal;
    private readonly TimeProvider _clock = clock;
    private readonly TimeSpan _poll = options.Value.PollInterval;
    private readonly CancellationToken _stopping = lifetime.ApplicationStopping;
    private readonly ILogger _logger = logger;
    private readonly Dictionary<Guid, TenantFeed> _feeds = [];
    private readonly Lock _lock = new();

    public IDisposable Subscribe(Guid tenantId, Func<LiveEvent, Task> onEvent)
    {
        lock (_lock)
        {
            if (!_feeds.TryGetValue(tenantId, out var feed))
            {
                feed = new TenantFeed(this, tenantId);
                _feeds[tenantId] = feed;
                feed.Start();
            }

            feed.Listeners.Add(onEvent);
            return new Subscription(this, feed, onEvent);
        }
    }

    private void Unsubscribe(TenantFeed feed, Func<LiveEvent, Task> onEvent)
    {
        lock (_lock)
        {
            feed.Listeners.Remove(onEvent);
            if (feed.Listeners.Count == 0 && _feeds.Remove(feed.TenantId))
            {
                feed.Stop();
            }
        }
    }

    private Func<LiveEvent, Task>[] ListenersOf(TenantFeed feed)
    {
        lock (_lock)
        {
            return [.. feed.Listeners];
        }
    }

    private async Task<List<LiveEvent>> ReadAfterAsync(Guid tenantId, long? position, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().SetTenant(tenantId, "");
        var db = scope.ServiceProvider.GetRequiredService<RealtimeDbContext>();
        if (position is null)
        {
            var current = await db.Events.MaxAsync(e => (long?)e.Position, cancellationToken) ?? 0;
            return [new LiveEvent(current, "", "", default)];
        }

        var rows = await db.Events.AsNoTracking()
            .Where(e => e.Position > position)
            .OrderBy(e => e.Position)
            .Take(BatchSize)
            .Select(e => new { e.Position, e.Name, e.Type, e.Payload })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new LiveEvent(r.Position, r.Name, r.Type, JsonDocument.Parse(r.Payload).RootElement.Clone()));
    }

    private sealed class TenantFeed(LiveEventFeed owner, Guid tenantId)
    {
        private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(owner._stopping);

        public Guid TenantId => tenantId;

        public List<Func<LiveEvent, Task>> Listeners { get; } = [];

        public void Start() => _ = Task.Run(() => RunAsync(_stop.Token));

        public void Stop() => _stop.Cancel();

        private async Task RunAsync(CancellationToken stopping)
        {
            long? position = null;
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    var wake = owner._signal.WaitAsync(tenantId);
                    if (position is null)
                    {
                        position = (await owner.ReadAfterAsync(tenantId, null, stopping))[0].Position;
                    }

                    var batch = await owner.ReadAfterAsync(tenantId, position, stopping);
                    foreach (var live in batch)
                    {
                        position = live.Position;
                        foreach (var listener in owner.ListenersOf(this))
                        {
                            await Deliver(listener, live);
                        }
                    }

                    if (batch.Count < BatchSize)
                    {
                        await Task.WhenAny(wake, Task.Delay(owner._poll, owner._clock, stopping));
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    // The database is away for a moment: keep the subscribers and try again shortly.
                    owner._logger.LogWarning(ex, "Live events of tenant {TenantId} could not be read; retrying", tenantId);
                    await Task.Delay(owner._poll, owner._clock, CancellationToken.None);
                }
            }

            _stop.Dispose();
        }

        private async Task Deliver(Func<LiveEvent, Task> listener, LiveEvent live)
        {
            try
            {
                await listener(live);
            }
            catch (Exception ex)
            {
                // One broken circuit must not stop the others' events.
                owner._logger.LogDebug(ex, "A live event listener failed");
            }
        }
    }

    private sealed class Subscription(LiveEventFeed owner, TenantFeed feed, Func<LiveEvent, Task> onEvent) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(feed, onEvent);
            }
        }
    }
}
