using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Portico.Kernel.Events;

namespace Portico.Console.Shell;

/// <summary>
/// The live events of the circuit's current workspace. The layout follows the tenant being shown; pages and
/// components listen with <see cref="Listen"/> and refresh what an event changes (a new lead on the board).
/// Each circuit has its own queue and works through it on its own: the tenant's feed hands an event over and
/// goes on to the next circuit, so 200 open consoles reload side by side instead of one after another, and a
/// slow or stuck circuit delays nobody else.
/// </summary>
public sealed class ConsoleLive(ILiveEvents events, ILogger<ConsoleLive> logger) : IDisposable
{
    // Plenty for bursts; when a circuit falls this far behind, its oldest events go (its pages reload anyway).
    private const int QueueLength = 256;

    private readonly List<Func<LiveEvent, Task>> _listeners = [];
    private readonly Lock _lock = new();
    private readonly Channel<(Guid TenantId, LiveEvent Event)> _queue = Channel.CreateBounded<(Guid, LiveEvent)>(
        new BoundedChannelOptions(QueueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
    private IDisposable? _subscription;
    private Guid? _tenantId;
    private Task? _worker;

    public void Follow(Guid? tenantId)
    {
        if (tenantId == _tenantId)
        {
            return;
        }

        _subscription?.Dispose();
        _tenantId = tenantId;
        _worker ??= Task.Run(WorkAsync);
        _subscription = tenantId is { } id ? events.Subscribe(id, live => { _queue.Writer.TryWrite((id, live)); return Task.CompletedTask; }) : null;
    }

    /// <summary>Adds a listener; dispose the result when the component goes away.</summary>
    public IDisposable Listen(Func<LiveEvent, Task> listener)
    {
        lock (_lock)
        {
            _listeners.Add(listener);
        }

        return new Listening(this, listener);
    }

    private async Task WorkAsync()
    {
        await foreach (var (tenantId, live) in _queue.Reader.ReadAllAsync())
        {
            if (tenantId != _tenantId)
            {
                continue; // queued before the circuit switched workspace
            }

            Func<LiveEvent, Task>[] listeners;
            lock (_lock)
            {
                listeners = [.. _listeners];
            }

            foreach (var listener in listeners)
            {
                try
                {
                    await listener(live);
                }
                catch (Exception ex)
                {
                    // A page that failed to refresh shows its own error; the next event still reaches the others.
                    logger.LogDebug(ex, "A console page failed to handle live event {Name}", live.Name);
                }
            }
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _queue.Writer.TryComplete();
    }

    private sealed class Listening(ConsoleLive live, Func<LiveEvent, Task> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (live._lock)
            {
                live._listeners.Remove(listener);
            }
        }
    }
}
