using Portico.Kernel.Events;

namespace Portico.Console.Shell;

/// <summary>
/// The live events of the circuit's current workspace. The layout follows the tenant being shown; pages and
/// components listen with <see cref="Listen"/> and refresh what an event changes (a new lead on the board).
/// </summary>
public sealed class ConsoleLive(ILiveEvents events) : IDisposable
{
    private readonly List<Func<LiveEvent, Task>> _listeners = [];
    private readonly Lock _lock = new();
    private IDisposable? _subscription;
    private Guid? _tenantId;

    public void Follow(Guid? tenantId)
    {
        if (tenantId == _tenantId)
        {
            return;
        }

        _subscription?.Dispose();
        _tenantId = tenantId;
        _subscription = tenantId is { } id ? events.Subscribe(id, DispatchAsync) : null;
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

    private async Task DispatchAsync(LiveEvent live)
    {
        Func<LiveEvent, Task>[] listeners;
        lock (_lock)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            await listener(live);
        }
    }

    public void Dispose() => _subscription?.Dispose();

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
