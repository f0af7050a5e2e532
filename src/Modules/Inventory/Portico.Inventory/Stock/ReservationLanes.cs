using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Portico.Inventory.Stock;

/// <summary>
/// Group commit for reservations of one item. Every reservation of an item updates the same stock row, whose lock is
/// held until the commit, so one reservation per transaction caps a hot item near the disk's fsync rate however many
/// requests wait. Here the requests for one item form a lane: the first one in leads and runs the reservations waiting
/// behind it in its own transaction (each still its own conditional UPDATE, so none can oversell), then hands the lead
/// to the next request waiting, which runs the ones that queued meanwhile in its own. Each request keeps its own scope
/// and connection; a request alone runs alone, as before. Lanes live in this process: instances each group their own,
/// and the database's row lock keeps them apart.
/// </summary>
internal sealed class ReservationLanes
{
    /// <summary>Reservations one transaction takes at most.</summary>
    public const int MaxBatch = 64;

    private readonly ConcurrentDictionary<Guid, Lane> _lanes = new();

    /// <summary>
    /// Runs <paramref name="ask"/> with whatever reservations of the same item wait for the lane:
    /// <paramref name="runBatch"/> (the calling request's own ledger) is called only when this request leads, with this
    /// request's ask first, and answers each ask with its reservation's id, or null where the stock did not cover it.
    /// </summary>
    public async Task<Guid?> RunAsync(Guid itemId, ReservationAsk ask, Func<IReadOnlyList<ReservationAsk>, Task<IReadOnlyList<Guid?>>> runBatch)
    {
        var lane = _lanes.GetOrAdd(itemId, _ => new Lane());
        var mine = new Waiting(ask);
        lock (lane)
        {
            if (lane.Busy)
            {
                lane.Queue.Enqueue(mine);
            }
            else
            {
                lane.Busy = true;
                mine.Turn.SetResult(Turn.Lead);
            }
        }

        var turn = await mine.Turn.Task;
        if (turn.Failure is { } failure)
        {
            failure.Throw();
        }

        if (!turn.Leads)
        {
            return turn.Result;
        }

        var batch = new List<Waiting> { mine };
        lock (lane)
        {
            while (batch.Count < MaxBatch && lane.Queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }
        }

        try
        {
            var results = await runBatch([.. batch.Select(w => w.Ask)]);
            for (var i = 1; i < batch.Count; i++)
            {
                batch[i].Turn.SetResult(Turn.Done(results[i]));
            }

            return results[0];
        }
        catch (Exception ex)
        {
            // The transaction failed as a whole: each request it carried answers with what failed it.
            var failed = ExceptionDispatchInfo.Capture(ex);
            for (var i = 1; i < batch.Count; i++)
            {
                batch[i].Turn.SetResult(Turn.Failed(failed));
            }

            throw;
        }
        finally
        {
            HandOver(itemId, lane);
        }
    }

    /// <summary>The next waiting request leads; with none, the lane is idle and forgotten (its item may be cold for days).</summary>
    private void HandOver(Guid itemId, Lane lane)
    {
        lock (lane)
        {
            if (lane.Queue.TryDequeue(out var next))
            {
                next.Turn.SetResult(Turn.Lead);
                return;
            }

            lane.Busy = false;
            // A request that took this lane just before it was removed leads on it alone: lanes only group, the stock
            // row's conditional UPDATE is what keeps reservations right.
            _lanes.TryRemove(new KeyValuePair<Guid, Lane>(itemId, lane));
        }
    }

    private sealed class Lane
    {
        public bool Busy { get; set; }

        public Queue<Waiting> Queue { get; } = new();
    }

    private sealed class Waiting(ReservationAsk ask)
    {
        public ReservationAsk Ask { get; } = ask;

        public TaskCompletionSource<Turn> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Turn(bool Leads, Guid? Result, ExceptionDispatchInfo? Failure)
    {
        public static readonly Turn Lead = new(true, null, null);

        public static Turn Done(Guid? result) => new(false, result, null);

        public static Turn Failed(ExceptionDispatchInfo failure) => new(false, null, failure);
    }
}

/// <summary>One request's reservation: the item's candidate locations in order, the quantity, what it is for and who asked.</summary>
internal sealed record ReservationAsk(IReadOnlyList<Guid> Locations, long QuantityMilli, Contracts.StockReference Reference, string Actor);
