using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portico.Data;
using Portico.Kernel.Tenancy;

namespace Portico.Messaging.Inbound;

/// <summary>
/// Stores inbound updates by group commit: every webhook request hands its update to this one writer and waits; the
/// writer takes whatever has queued up (up to <see cref="MessagingOptions.MaxUpdatesPerCommit"/>) and stores it in one
/// transaction, one statement (duplicates of a bot's <c>update_id</c> skipped), then releases every waiting request.
/// A commit costs one fsync however many updates it carries, so acknowledged updates per second are not capped by
/// the disk's fsync rate; each update is still acknowledged only once it is durable. With
/// <see cref="MessagingOptions.InboundWriters"/> above one, the next batch is inserted while the last one's commit
/// waits for its fsync.
/// </summary>
internal sealed class InboundWriter(IServiceScopeFactory scopes, IOptions<MessagingOptions> options, InboundSignal signal, ILogger<InboundWriter> logger) : BackgroundService
{
    private sealed record Pending(InboundUpdate Update, TaskCompletionSource Stored);

    // Bounded: when the database falls behind, requests wait here (and Telegram retries) instead of filling the memory.
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(50_000) { SingleReader = options.Value.InboundWriters == 1, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Returns once the update is committed (or was already stored).</summary>
    public async Task StoreAsync(InboundUpdate update, CancellationToken cancellationToken)
    {
        var pending = new Pending(update, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        await pending.Stored.Task.WaitAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // SQLite has one writer at a time anyway: a second would only wait for the first's lock.
        bool postgres;
        using (var scope = scopes.CreateScope())
        {
            postgres = scope.ServiceProvider.GetRequiredService<MessagingDbContext>().Database.IsNpgsql();
        }

        var writers = postgres ? options.Value.InboundWriters : 1;
        return Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() => WriteLoopAsync(stoppingToken), CancellationToken.None)));
    }

    /// <summary>
    /// One writer: takes what has queued up and commits it, again and again. It keeps one scope, and so one database
    /// connection with its settings sent once, for as long as its commits succeed: a commit is then one round trip
    /// (the insert, in a transaction of its own) instead of a connection taken from the pool, reset, told its settings,
    /// then BEGIN, INSERT and COMMIT. On a machine whose cores are busy every round trip waits to be scheduled, which
    /// is what the acknowledgements' latency, and with a fixed number of senders their rate, is made of.
    /// </summary>
    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>();
        var rows = new List<InboundUpdate>();
        AsyncServiceScope? scope = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < options.Value.MaxUpdatesPerCommit && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                if (batch.Count == 0)
                {
                    // Another writer took them.
                    continue;
                }

                try
                {
                    scope ??= PlatformScope();
                    rows.Clear();
                    rows.AddRange(batch.Select(p => p.Update));
                    // In key order: two writers' inserts then take the unique index's entries in the same order, so a
                    // repeated update in both batches makes one wait for the other, never a deadlock.
                    rows.Sort(static (a, b) => a.BotId != b.BotId ? a.BotId.CompareTo(b.BotId) : a.UpdateId.CompareTo(b.UpdateId));
                    await scope.Value.ServiceProvider.GetRequiredService<MessagingDbContext>().InsertIgnoringDuplicatesAsync(rows, stoppingToken);
                    batch.ForEach(p => p.Stored.TrySetResult());
                    signal.Stored(batch.Count);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Storing {Count} inbound update(s) failed; their requests answer 503 and Telegram sends them again", batch.Count);
                    batch.ForEach(p => p.Stored.TrySetException(new ServiceUnavailableException("The update could not be stored; send it again.")));
                    // The connection may be broken: the next batch starts on a new one.
                    if (scope is { } failed)
                    {
                        scope = null;
                        await failed.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            // Stopping: whatever is still waiting was not stored; Telegram delivers it again after the restart.
            batch.ForEach(p => p.Stored.TrySetCanceled(CancellationToken.None));
            while (_queue.Reader.TryRead(out var pending))
            {
                pending.Stored.TrySetCanceled(CancellationToken.None);
            }

            if (scope is { } open)
            {
                await open.DisposeAsync();
            }
        }
    }

    private AsyncServiceScope PlatformScope()
    {
        var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetActor(ReceiveTelegramUpdate.Actor);
        // One commit carries many tenants' updates; each row names its tenant.
        context.EnterPlatformScope();
        return scope;
    }
}

/// <summary>
/// Wakes the processor when updates were stored, so it does not wait for its next poll; and tells it when webhooks
/// arrive in a burst (many requests waiting on one commit), so it can leave the CPU to acknowledging them.
/// </summary>
internal sealed class InboundSignal : IDisposable
{
    /// <summary>A commit that carried this many updates had as many requests waiting on it: a burst, not a trickle.</summary>
    public const int BurstCommit = 16;

    /// <summary>A burst is over when no commit was that full for this long.</summary>
    private const long BurstQuietMilliseconds = 250;

    private readonly SemaphoreSlim _signal = new(0, 1);
    private long _lastBurstCommit = long.MinValue / 2;

    /// <summary>Whether a commit of a burst happened lately.</summary>
    public bool InBurst => Environment.TickCount64 - Volatile.Read(ref _lastBurstCommit) < BurstQuietMilliseconds;

    /// <summary>The writer committed <paramref name="count"/> updates.</summary>
    public void Stored(int count)
    {
        if (count >= BurstCommit)
        {
            Volatile.Write(ref _lastBurstCommit, Environment.TickCount64);
        }

        Wake();
    }

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // already awake
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
