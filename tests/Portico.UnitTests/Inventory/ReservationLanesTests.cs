using Portico.Inventory.Contracts;
using Portico.Inventory.Stock;

namespace Portico.UnitTests.Inventory;

/// <summary>
/// The lanes that group one item's reservations into shared transactions: every request gets its own answer, requests
/// that wait behind a running transaction go together in the next one, and a failed transaction fails each request it
/// carried. The batch here stands in for the ledger's transaction (the integration tests run the real one).
/// </summary>
public sealed class ReservationLanesTests
{
    private static ReservationAsk Ask(string order) => new([Guid.NewGuid()], 1000, new StockReference(order), "user:test");

    [Fact]
    public async Task Requests_waiting_behind_a_transaction_go_together_in_the_next_and_each_gets_its_own_answer()
    {
        var lanes = new ReservationLanes();
        var item = Guid.NewGuid();
        var firstRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<string[]>();
        var answers = new Dictionary<string, Guid>();

        async Task<IReadOnlyList<Guid?>> Run(IReadOnlyList<ReservationAsk> asks)
        {
            lock (batches)
            {
                batches.Add([.. asks.Select(a => a.Reference.Order)]);
            }

            if (asks[0].Reference.Order == "first")
            {
                firstRunning.SetResult();
                await releaseFirst.Task;
            }

            // Every other ask is "covered"; the odd ones are refused, as insufficient stock would be.
            return [.. asks.Select(a => a.Reference.Order.EndsWith("-odd", StringComparison.Ordinal) ? (Guid?)null : answers[a.Reference.Order])];
        }

        var orders = Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? $"o{i}-even" : $"o{i}-odd").ToList();
        foreach (var order in orders.Append("first"))
        {
            answers[order] = Guid.NewGuid();
        }

        var first = lanes.RunAsync(item, Ask("first"), Run);
        await firstRunning.Task;
        var waiting = orders.Select(order => (order, task: lanes.RunAsync(item, Ask(order), Run))).ToList();
        releaseFirst.SetResult();

        (await first).ShouldBe(answers["first"]);
        foreach (var (order, task) in waiting)
        {
            (await task).ShouldBe(order.EndsWith("-odd", StringComparison.Ordinal) ? null : answers[order], order);
        }

        // The first ran alone; the ten that came meanwhile shared the next transaction.
        batches.Count.ShouldBe(2);
        batches[0].ShouldBe(["first"]);
        batches[1].Order(StringComparer.Ordinal).ShouldBe(orders.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_failed_transaction_fails_every_request_it_carried_and_the_lane_goes_on()
    {
        var lanes = new ReservationLanes();
        var item = Guid.NewGuid();
        var firstRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;

        async Task<IReadOnlyList<Guid?>> Run(IReadOnlyList<ReservationAsk> asks)
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                firstRunning.SetResult();
                await releaseFirst.Task;
                throw new InvalidOperationException("the database went away");
            }

            return [.. asks.Select(_ => (Guid?)Guid.NewGuid())];
        }

        var first = lanes.RunAsync(item, Ask("first"), Run);
        await firstRunning.Task;
        var second = lanes.RunAsync(item, Ask("second"), Run);
        releaseFirst.SetResult();

        (await Should.ThrowAsync<InvalidOperationException>(first)).Message.ShouldBe("the database went away");
        // The second waited for the first's turn and led the next transaction, which succeeded.
        (await second).ShouldNotBeNull();
        (await lanes.RunAsync(item, Ask("third"), Run)).ShouldNotBeNull();
    }

    [Fact]
    public async Task One_transaction_takes_at_most_its_batch_and_the_rest_go_in_the_next()
    {
        var lanes = new ReservationLanes();
        var item = Guid.NewGuid();
        var firstRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sizes = new List<int>();

        async Task<IReadOnlyList<Guid?>> Run(IReadOnlyList<ReservationAsk> asks)
        {
            lock (sizes)
            {
                sizes.Add(asks.Count);
            }

            if (asks[0].Reference.Order == "first")
            {
                firstRunning.SetResult();
                await releaseFirst.Task;
            }

            return [.. asks.Select(_ => (Guid?)Guid.NewGuid())];
        }

        var first = lanes.RunAsync(item, Ask("first"), Run);
        await firstRunning.Task;
        var rest = Enumerable.Range(0, ReservationLanes.MaxBatch + 5).Select(i => lanes.RunAsync(item, Ask($"o{i}"), Run)).ToList();
        releaseFirst.SetResult();
        await first;
        (await Task.WhenAll(rest)).ShouldAllBe(id => id != null);

        sizes.ShouldBe([1, ReservationLanes.MaxBatch, 5]);
    }
}
