using System.Collections.Concurrent;

namespace Portico.Crm.Pipelines;

/// <summary>
/// One board read shared by every open console that reloads the same board for the same live event: a new lead
/// on a tenant with 200 boards open costs one set of queries, not 200. Only unfiltered boards are shared, keyed by
/// tenant, pipeline, page size, whose records the reader may see (all, or one restricted member's) and the event's
/// stream position: the read starts after that event was stored, so it includes it. Entries live a minute.
/// </summary>
internal sealed class SharedBoardReads(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Entry> _reads = new(StringComparer.Ordinal);

    public async Task<GetBoard.Board> ReadAsync(string key, Func<Task<GetBoard.Board>> read)
    {
        var now = clock.GetUtcNow();
        if (_reads.Count > 64)
        {
            foreach (var (old, entry) in _reads)
            {
                if (now - entry.At > Lifetime)
                {
                    _reads.TryRemove(old, out _);
                }
            }
        }

        var shared = _reads.GetOrAdd(key, _ => new Entry(now, new Lazy<Task<GetBoard.Board>>(read)));
        try
        {
            return await shared.Read.Value;
        }
        catch
        {
            _reads.TryRemove(new KeyValuePair<string, Entry>(key, shared)); // the next reader tries again
            throw;
        }
    }

    private sealed record Entry(DateTimeOffset At, Lazy<Task<GetBoard.Board>> Read);
}
