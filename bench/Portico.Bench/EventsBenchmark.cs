using System.Collections.Concurrent;
using System.Diagnostics;

namespace Portico.Bench;

/// <summary>Everything the events scenario measured for one provider.</summary>
internal sealed record EventsResults(
    int Publishers,
    int Requested,
    int Accepted,
    long Failed,
    IReadOnlyDictionary<string, long> FailureKinds,
    TimeSpan PublishElapsed,
    Summary PostLatencyMs,
    int SeenLive,
    TimeSpan HandledElapsed,
    TimeSpan LagAfterPublishing,
    Summary EndToEndMs,
    double HalfInStreamSeconds,
    double P99InStreamSeconds,
    int LiveDuplicates,
    int Replayed,
    int Lost,
    int Duplicated,
    int Unacknowledged,
    double SettleSeconds,
    int? DeadLetters,
    long HandlerFailures,
    long Conflicts,
    long Rescheduled,
    int DrainTimeoutSeconds,
    double ServerCpuMsPerEvent,
    double BenchCpuMsPerEvent,
    int WarmupEvents,
    TimeSpan WarmupElapsed,
    TimeSpan CreateAdmin,
    TimeSpan Ready)
{
    public double AcceptedPerSecond => Accepted / PublishElapsed.TotalSeconds;

    public double HandledPerSecond => SeenLive == Accepted && HandledElapsed > TimeSpan.Zero ? Accepted / HandledElapsed.TotalSeconds : double.NaN;

    /// <summary>The rate for the first 99% of the events to be in the stream: the bulk, without the last retried stragglers.</summary>
    public double Handled99PerSecond => SeenLive > 0 && P99InStreamSeconds > 0 ? Math.Ceiling(0.99 * SeenLive) / P99InStreamSeconds : double.NaN;
}

/// <summary>
/// Custom events through the whole backbone: <c>POST /api/v1/tenants/{t}/events</c> appends the event to
/// the event log in the request's transaction; the subscribers read the log in batches, and the realtime
/// subscriber appends it to the tenant's stream (the effect we can observe) and pushes it to the hub. One SSE reader follows the stream live (timing); after the run a second reader
/// replays the stream from position 0 (verification: every accepted id once, no id twice).
/// </summary>
internal static class EventsBenchmark
{
    public const string EventType = "custom.bench";
    public const string WarmupType = "custom.bench-warmup";

    /// <summary>Quiet time after the last event before the replay: a late duplicate would show up in it.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <summary>Longest wait for the warm-up events to appear in the stream.</summary>
    private static readonly TimeSpan WarmupTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Wolverine's log line when a failed message is scheduled for a later retry (the third failure on).</summary>
    private const string Rescheduled = "was rescheduled to queue";

    /// <summary>Wolverine's log line for a handler that threw (the message is then retried by the bus's policy).</summary>
    private const string HandlerFailure = "Failed to process message";

    /// <summary>The event log readers' category: they log only failures (a batch handed over again, an event retried or parked).</summary>
    private const string ReaderFailure = "Portico.Events.EventLogReaders";

    /// <summary>
    /// The cause seen in those lines when two concurrent stream appends took the same position: the
    /// data layer turns the unique violation into a ConflictException, and the bus retries the event.
    /// </summary>
    private const string Conflict = "ConflictException: A record with the same unique value";

    public static async Task<ScenarioRun> RunAsync(BenchOptions options)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = Report.LoadAverage();
        var warnings = new List<string>();
        EventsResults results;
        string database;
        await using (var platform = await Platform.StartAsync(options, "events", options.Publishers + 4))
        {
            database = platform.DatabaseDescription;
            platform.Server.CountLinesContaining(HandlerFailure);
            platform.Server.CountLinesContaining(ReaderFailure);
            platform.Server.CountLinesContaining(Conflict);
            platform.Server.CountLinesContaining(Rescheduled);

            // The live reader starts from 0 before anything is published, so it sees every event.
            var live = new ConcurrentDictionary<Guid, long>();
            var warm = new ConcurrentDictionary<Guid, byte>();
            var liveDuplicates = 0;
            await using var follower = await SseReader.OpenAsync(platform.Server.BaseUri, platform.Tenant, platform.AccessToken, "0", e =>
            {
                if (e.Name == EventType)
                {
                    if (!live.TryAdd(e.Id, e.ReceivedAt))
                    {
                        Interlocked.Increment(ref liveDuplicates);
                    }
                }
                else if (e.Name == WarmupType)
                {
                    warm.TryAdd(e.Id, 0);
                }
            });

            // Warm-up: the same loops and path (JIT, connection pools, the queue's listener), not counted.
            var warmupElapsed = TimeSpan.Zero;
            if (options.WarmupEvents > 0)
            {
                var warmStart = Stopwatch.GetTimestamp();
                var warmRun = await PublishAsync(platform, options.Publishers, options.WarmupEvents, WarmupType);
                var warmIds = warmRun.Sent.Keys.ToList();
                if (!await WaitAsync(() => warmIds.All(warm.ContainsKey), WarmupTimeout, follower))
                {
                    warnings.Add($"Warm-up: {warmIds.Count(id => !warm.ContainsKey(id))} of its events were not in the stream after {WarmupTimeout.TotalSeconds:0} s; the measured run started anyway.");
                }

                warmupElapsed = Stopwatch.GetElapsedTime(warmStart);
                Log($"warm-up: {warmIds.Count} events published and in the stream in {warmupElapsed.TotalSeconds:0.0} s ({warmRun.Failures} failed POSTs)");
                if (warmIds.Count < options.WarmupEvents)
                {
                    warnings.Add($"Warm-up: {options.WarmupEvents - warmIds.Count} of {options.WarmupEvents} POSTs failed.");
                }
            }

            // Measured run.
            var serverCpu = platform.Server.CpuTime;
            var benchCpu = Platform.OwnCpu();
            var before = (Failures: platform.Server.LinesContaining(HandlerFailure) + platform.Server.LinesContaining(ReaderFailure), Conflicts: platform.Server.LinesContaining(Conflict), Rescheduled: platform.Server.LinesContaining(Rescheduled));
            long Failures() => platform.Server.LinesContaining(HandlerFailure) + platform.Server.LinesContaining(ReaderFailure) - before.Failures;
            long Conflicts() => platform.Server.LinesContaining(Conflict) - before.Conflicts;
            long Reschedules() => platform.Server.LinesContaining(Rescheduled) - before.Rescheduled;
            var run = await PublishAsync(platform, options.Publishers, options.Events, EventType);
            var accepted = run.Sent;
            Log($"published: {accepted.Count} of {options.Events} accepted in {Stopwatch.GetElapsedTime(run.FirstSent, run.LastAnswered).TotalSeconds:0.00} s by {options.Publishers} loops, {run.Failures} failed; waiting for the stream");
            var drainTimeout = TimeSpan.FromSeconds(options.DrainTimeoutSeconds);
            var complete = await WaitAsync(() => live.Count >= accepted.Count && accepted.Keys.All(live.ContainsKey), drainTimeout, follower);
            var serverCpuMs = (platform.Server.CpuTime - serverCpu).TotalMilliseconds;
            var benchCpuMs = (Platform.OwnCpu() - benchCpu).TotalMilliseconds;
            var seen = accepted.Keys.Where(live.ContainsKey).ToList();
            var lastSeen = seen.Count == 0 ? run.FirstSent : seen.Max(id => live[id]);
            if (!complete)
            {
                warnings.Add($"{drainTimeout.TotalSeconds:0} s after publishing, only {seen.Count} of {accepted.Count} accepted events had reached the stream{(follower.Failure is { } f ? $" (the live reader failed: {f.Message})" : "")}; {Reschedules()} handler failures had been rescheduled (30 s, 2 min, 10 min, 1 h): the missing events are lost or still waiting for such a retry. The all-events rate is not given.");
            }

            Log($"in the stream: {seen.Count} of {accepted.Count}, the last {Stopwatch.GetElapsedTime(run.FirstSent, lastSeen).TotalSeconds:0.00} s after the first POST");

            // Verification: a second reader replays the whole stream once it has been quiet for a while.
            await Task.Delay(Settle);
            var head = follower.Position;
            var replayed = new Dictionary<Guid, int>();
            await using (var replay = await SseReader.OpenAsync(platform.Server.BaseUri, platform.Tenant, platform.AccessToken, "0", e =>
            {
                if (e.Name == EventType)
                {
                    lock (replayed)
                    {
                        replayed[e.Id] = replayed.GetValueOrDefault(e.Id) + 1;
                    }
                }
            }))
            {
                // Caught up with the head the live reader saw, then nothing new for a second.
                await WaitAsync(() => replay.Position >= head && replay.IdleSeconds >= 1, TimeSpan.FromSeconds(60), replay);
            }

            int lost, duplicated, unacknowledged, replayedCount;
            lock (replayed)
            {
                lost = accepted.Keys.Count(id => !replayed.ContainsKey(id));
                duplicated = replayed.Values.Sum(n => n - 1);
                unacknowledged = replayed.Keys.Count(id => !accepted.ContainsKey(id));
                replayedCount = replayed.Values.Sum();
            }

            var deadLetters = await platform.DeadLettersAsync();
            Log($"replay from position 0: {replayedCount} {EventType} events; lost {lost}, duplicated {duplicated}, stored but never acknowledged {unacknowledged}; handler failures retried {Failures()} (unique-value conflicts {Conflicts()}, rescheduled {Reschedules()}); dead letters {(deadLetters is { } letters ? letters.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown")}");
            if (run.Failures > 0)
            {
                warnings.Add($"{run.Failures} POSTs failed ({string.Join(", ", run.FailureKinds.Select(kv => $"{kv.Key} x{kv.Value}"))}).");
            }

            if (unacknowledged > 0)
            {
                warnings.Add($"{unacknowledged} events are in the stream whose POST did not answer 202 (committed, then the answer was lost or timed out): not a loss, not a duplicate.");
            }

            var endToEnd = seen.Select(id => Stopwatch.GetElapsedTime(accepted[id], live[id]).TotalMilliseconds).ToList();
            // Arrival times after the first POST: the bulk of the events versus a retried straggler.
            var arrivals = seen.Select(id => Stopwatch.GetElapsedTime(run.FirstSent, live[id]).TotalSeconds).Order().ToList();

            var handled = Stopwatch.GetElapsedTime(run.FirstSent, lastSeen);
            results = new EventsResults(
                options.Publishers,
                options.Events,
                accepted.Count,
                run.Failures,
                run.FailureKinds,
                Stopwatch.GetElapsedTime(run.FirstSent, run.LastAnswered),
                Summary.Of(run.LatenciesMs),
                seen.Count,
                handled,
                lastSeen > run.LastAnswered ? Stopwatch.GetElapsedTime(run.LastAnswered, lastSeen) : TimeSpan.Zero,
                Summary.Of(endToEnd),
                arrivals.Count == 0 ? double.NaN : arrivals[(int)Math.Ceiling(0.5 * arrivals.Count) - 1],
                arrivals.Count == 0 ? double.NaN : arrivals[(int)Math.Ceiling(0.99 * arrivals.Count) - 1],
                liveDuplicates,
                replayedCount,
                lost,
                duplicated,
                unacknowledged,
                Settle.TotalSeconds,
                deadLetters,
                Failures(),
                Conflicts(),
                Reschedules(),
                options.DrainTimeoutSeconds,
                serverCpuMs / Math.Max(1, accepted.Count),
                benchCpuMs / Math.Max(1, accepted.Count),
                options.WarmupEvents,
                warmupElapsed,
                platform.CreateAdmin,
                platform.Ready);
            // An open event stream holds the host's graceful shutdown for its whole drain timeout: close it first.
            await follower.DisposeAsync();
            await platform.StopAsync(warnings);
        }

        foreach (var warning in warnings)
        {
            await Console.Error.WriteLineAsync($"warning: {warning}");
        }

        // One window: from the first POST to the last event in the stream, inside this scenario's start and end.
        return new ScenarioRun(
            EventsReport.RenderEvents(options, database, startedAt, results, warnings, loadBefore),
            [
                new Measurement($"{results.Requested} custom events, {results.Publishers} publishing loops", loadBefore, Report.LoadAverage(),
                [
                    Figure.Rate("accepted", results.AcceptedPerSecond), Figure.Rate("handled, 99% in the stream", results.Handled99PerSecond),
                    Figure.Rate("handled, all in the stream", results.HandledPerSecond), Figure.Ms("POST p50", results.PostLatencyMs.Median),
                    Figure.Ms("POST → stream p50", results.EndToEndMs.Median), Figure.Ms("server CPU per event", results.ServerCpuMsPerEvent),
                    Figure.Count("failed POSTs", results.Failed), Figure.Count("lost", results.Lost), Figure.Count("duplicated", results.Duplicated),
                    Figure.Count("handler failures retried", results.HandlerFailures),
                ]),
            ]);
    }

    /// <summary>The accepted events of one publishing run: id → Stopwatch timestamp of the moment its POST was sent.</summary>
    internal sealed record PublishRun(
        ConcurrentDictionary<Guid, long> Sent,
        List<double> LatenciesMs,
        long Failures,
        IReadOnlyDictionary<string, long> FailureKinds,
        long FirstSent,
        long LastAnswered);

    /// <summary><paramref name="loops"/> closed loops share <paramref name="count"/> POSTs of <paramref name="type"/>; each is sent once, failures are not retried.</summary>
    private static async Task<PublishRun> PublishAsync(Platform platform, int loops, int count, string type)
    {
        var sent = new ConcurrentDictionary<Guid, long>();
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        var workers = await Task.WhenAll(Enumerable.Range(0, loops).Select(loop => Task.Run(async () =>
        {
            var latencies = new List<double>(count / loops + 1);
            var failures = new Dictionary<string, long>();
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                var body = Platform.EventBody(type, new { n, loop });
                var at = Stopwatch.GetTimestamp();
                var (id, failure) = await platform.PublishAsync(body);
                if (id is { } accepted)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                    sent[accepted] = at;
                }
                else
                {
                    failures[failure!] = failures.GetValueOrDefault(failure!) + 1;
                }
            }

            return (latencies, failures);
        })));
        var end = Stopwatch.GetTimestamp();
        var kinds = workers.SelectMany(w => w.failures).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        return new PublishRun(sent, [.. workers.SelectMany(w => w.latencies)], kinds.Values.Sum(), kinds, start, end);
    }

    /// <summary>Polls <paramref name="done"/> every 10 ms; false on timeout or when the reader died.</summary>
    private static async Task<bool> WaitAsync(Func<bool> done, TimeSpan timeout, SseReader reader)
    {
        var start = Stopwatch.GetTimestamp();
        while (!done())
        {
            if (reader.Failure is not null || Stopwatch.GetElapsedTime(start) > timeout)
            {
                return done();
            }

            await Task.Delay(10);
        }

        return true;
    }

    private static void Log(string message) => Benchmark.Log(message);
}
