using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Portico.Bench;

/// <summary>One round of the hub-fanout scenario: N clients, M events.</summary>
internal sealed record FanoutRound(
    int Clients,
    int Events,
    int Rate,
    TimeSpan Connect,
    long Expected,
    long Received,
    long Duplicates,
    int CompleteClients,
    TimeSpan PublishSpan,
    TimeSpan Elapsed,
    Summary LatencyMs,
    long PublishFailures,
    double ServerCpuMsPer1000,
    double BenchCpuMsPer1000,
    long HandlerFailures,
    bool TimedOut)
{
    /// <summary>Messages delivered per second: received / (first POST sent → last message received).</summary>
    public double MessagesPerSecond => Received / Elapsed.TotalSeconds;

    /// <summary>What the clients would receive per second if every event reached all of them as it was published: N × M / publishing time.</summary>
    public double OfferedPerSecond => PublishSpan > TimeSpan.Zero ? Expected / PublishSpan.TotalSeconds : (double)Clients * Rate;
}

/// <summary>Everything the hub-fanout scenario measured for one provider.</summary>
internal sealed record FanoutResults(IReadOnlyList<FanoutRound> Rounds, TimeSpan CreateAdmin, TimeSpan Ready);

/// <summary>
/// N SignalR clients (WebSockets, JSON protocol, one connection each, all signed in as the tenant's
/// Owner) join the room <c>tenant:{slug}</c>; M custom events are published at a steady rate (open
/// loop: each POST leaves at its scheduled time whether or not the previous one has answered). Each
/// event travels outbox → durable queue → stream append → hub push; the clients record when each
/// arrives. Latency is POST sent → message received, both clocks being this process's Stopwatch.
/// </summary>
internal static class HubFanoutBenchmark
{
    public const string EventType = "custom.fanout";

    /// <summary>Connections opened at once while a round is set up.</summary>
    private const int ConnectConcurrency = 16;

    /// <summary>Events at the start of each round that are published and awaited but not counted.</summary>
    private const int WarmupEvents = 10;

    /// <summary>Longest wait for a round's warm-up events.</summary>
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Wolverine's log line for a handler that threw; the bus retries the message (1 s, then 5 s, later scheduled).</summary>
    private const string HandlerFailure = "Failed to process message";

    public static async Task<ScenarioRun> RunAsync(BenchOptions options)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = Report.LoadAverage();
        var warnings = new List<string>();
        var rounds = new List<FanoutRound>();
        string database;
        FanoutResults results;
        await using (var platform = await Platform.StartAsync(options, "fanout", 32))
        {
            database = platform.DatabaseDescription;
            platform.Server.CountLinesContaining(HandlerFailure);

            // A first, unreported round with one client warms the whole path (JIT, the queues' listeners, the hub).
            var round = 1;
            if (options.WarmupEvents > 0)
            {
                var warmup = await RunRoundAsync(options, platform, round, 1, options.WarmupEvents, warnings);
                Log($"warm-up round (not reported): {warmup.Received} of {warmup.Expected} events in {warmup.Elapsed.TotalSeconds:0.0} s, p50 {warmup.LatencyMs.Median:0} ms");
            }

            foreach (var clients in options.Clients)
            {
                round++;
                rounds.Add(await RunRoundAsync(options, platform, round, clients, options.HubEvents, warnings));
            }

            var deadLetters = await platform.DeadLettersAsync();
            if (deadLetters is not 0)
            {
                warnings.Add($"Dead letters after the run: {(deadLetters is { } letters ? letters.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown (the list could not be read)")}.");
            }

            results = new FanoutResults(rounds, platform.CreateAdmin, platform.Ready);
            await platform.StopAsync(warnings);
        }

        foreach (var warning in warnings)
        {
            await Console.Error.WriteLineAsync($"warning: {warning}");
        }

        return new ScenarioRun(
            EventsReport.RenderFanout(options, database, startedAt, results, warnings, loadBefore),
            [
                .. results.Rounds.Select(r => new Measurement($"{r.Clients} clients, {r.Events} events at {r.Rate}/s", loadBefore, Report.LoadAverage(),
                [
                    Figure.Rate("delivered messages", r.MessagesPerSecond), Figure.Ms("delivery p50", r.LatencyMs.Median), Figure.Ms("delivery p99", r.LatencyMs.P99),
                    new Figure("server CPU per 1000 messages", r.ServerCpuMsPer1000, "ms", Better.Lower), Figure.Count("messages missing", r.Expected - r.Received),
                ])),
            ]);
    }

    private static async Task<FanoutRound> RunRoundAsync(BenchOptions options, Platform platform, int round, int clientCount, int events, List<string> warnings)
    {
        // Receipt timestamps per client and event (0: not yet); warm-up events have their own counters.
        var received = new long[clientCount * events];
        var counts = new int[clientCount];
        var warmCounts = new int[clientCount];
        long duplicates = 0;
        var sent = new long[events];

        var connectStart = Stopwatch.GetTimestamp();
        var connections = new HubConnection[clientCount];
        using (var gate = new SemaphoreSlim(ConnectConcurrency))
        {
            await Task.WhenAll(Enumerable.Range(0, clientCount).Select(async client =>
            {
                await gate.WaitAsync();
                try
                {
                    connections[client] = await ConnectAsync(platform, client, round, events, received, counts, warmCounts, () => Interlocked.Increment(ref duplicates));
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        var connect = Stopwatch.GetElapsedTime(connectStart);
        Log($"{Label(round)}: {clientCount} clients connected over WebSockets and in tenant:{platform.Tenant} in {connect.TotalSeconds:0.0} s");

        try
        {
            // Warm-up: a few events every client must receive before the clock starts.
            var warmBodies = Enumerable.Range(0, WarmupEvents).Select(i => Platform.EventBody(EventType, new { round = -round, seq = i })).ToArray();
            await PublishAtRateAsync(platform, warmBodies, options.Rate, new long[WarmupEvents]);
            if (!await WaitAsync(() => warmCounts.All(c => c >= WarmupEvents), DeliveryTimeout))
            {
                warnings.Add($"{Label(round)}: not every client received its {WarmupEvents} warm-up events within {DeliveryTimeout.TotalSeconds:0} s ({platform.Server.LinesContaining(HandlerFailure)} handler failures so far: a retried event can be 30 s or 2 min late); the round went on.");
            }

            var serverCpu = platform.Server.CpuTime;
            var benchCpu = Platform.OwnCpu();
            var handlerFailures = platform.Server.LinesContaining(HandlerFailure);
            var bodies = Enumerable.Range(0, events).Select(i => Platform.EventBody(EventType, new { round, seq = i })).ToArray();
            var (failures, firstSent, lastSent) = await PublishAtRateAsync(platform, bodies, options.Rate, sent);
            var expected = (long)clientCount * (events - failures);
            var drainTimeout = TimeSpan.FromSeconds(options.DrainTimeoutSeconds);
            var complete = await WaitAsync(() => counts.Sum(c => (long)c) >= expected, drainTimeout);
            var serverCpuMs = (platform.Server.CpuTime - serverCpu).TotalMilliseconds;
            var benchCpuMs = (Platform.OwnCpu() - benchCpu).TotalMilliseconds;

            var latencies = new List<double>(received.Length);
            long last = firstSent, total = 0;
            for (var i = 0; i < received.Length; i++)
            {
                var at = Volatile.Read(ref received[i]);
                if (at != 0)
                {
                    total++;
                    last = Math.Max(last, at);
                    latencies.Add(Stopwatch.GetElapsedTime(sent[i % events], at).TotalMilliseconds);
                }
            }

            var completeClients = counts.Count(c => c == events);
            var result = new FanoutRound(
                clientCount,
                events,
                options.Rate,
                connect,
                (long)clientCount * events,
                total,
                Interlocked.Read(ref duplicates),
                completeClients,
                Stopwatch.GetElapsedTime(firstSent, lastSent),
                Stopwatch.GetElapsedTime(firstSent, last),
                Summary.Of(latencies),
                failures,
                serverCpuMs / Math.Max(1, total) * 1000,
                benchCpuMs / Math.Max(1, total) * 1000,
                platform.Server.LinesContaining(HandlerFailure) - handlerFailures,
                !complete);
            Log($"{Label(round)}: {total} of {result.Expected} messages in {result.Elapsed.TotalSeconds:0.00} s = {result.MessagesPerSecond:0} msg/s (offered {result.OfferedPerSecond:0}); latency p50 {result.LatencyMs.Median:0.0} ms, p99 {result.LatencyMs.P99:0.0} ms; {completeClients} of {clientCount} clients got every event; {result.Duplicates} duplicates; {result.HandlerFailures} handler failures retried");
            if (failures > 0)
            {
                warnings.Add($"{Label(round)}: {failures} of {events} POSTs failed; those events are not expected by the clients.");
            }

            if (!complete)
            {
                warnings.Add($"{Label(round)}: {result.Expected - total} messages had not arrived {drainTimeout.TotalSeconds:0} s after the last POST ({result.HandlerFailures} handler failures during the round; after a third one the bus retries 30 s, then 2 min later).");
            }

            return result;
        }
        finally
        {
            await Task.WhenAll(connections.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()));
        }
    }

    /// <summary>One client: connects (negotiate, then WebSockets), records each event of this round, joins the tenant room.</summary>
    private static async Task<HubConnection> ConnectAsync(
        Platform platform, int client, int round, int events, long[] received, int[] counts, int[] warmCounts, Action duplicate)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(platform.Server.BaseUri, "/hubs/events"), HttpTransportType.WebSockets, o => o.AccessTokenProvider = () => Task.FromResult<string?>(platform.AccessToken))
            .Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(120); // a starved client must not drop out mid-round
        connection.On<JsonElement>(EventType, payload =>
        {
            var at = Stopwatch.GetTimestamp();
            var data = payload.GetProperty("data");
            var seq = data.GetProperty("seq").GetInt32();
            var itsRound = data.GetProperty("round").GetInt32();
            if (itsRound == -round)
            {
                Interlocked.Increment(ref warmCounts[client]);
            }
            else if (itsRound == round && seq >= 0 && seq < events)
            {
                if (Interlocked.CompareExchange(ref received[(client * events) + seq], at, 0) == 0)
                {
                    Interlocked.Increment(ref counts[client]);
                }
                else
                {
                    duplicate();
                }
            }
        });
        try
        {
            await connection.StartAsync();
            await connection.InvokeAsync("JoinRoom", $"tenant:{platform.Tenant}");
            return connection;
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or Microsoft.AspNetCore.SignalR.HubException)
        {
            await connection.DisposeAsync();
            throw new BenchException($"Hub client {client} could not connect or join tenant:{platform.Tenant}: {ex.Message}");
        }
    }

    /// <summary>
    /// Sends <paramref name="bodies"/>[i] at start + i / <paramref name="rate"/> s, each on its own task, and
    /// records the moment each was sent; returns the failures and the first and last send times.
    /// </summary>
    private static async Task<(long Failures, long FirstSent, long LastSent)> PublishAtRateAsync(Platform platform, byte[][] bodies, int rate, long[] sent)
    {
        long failures = 0;
        var start = Stopwatch.GetTimestamp();
        var posts = new List<Task>(bodies.Length);
        for (var i = 0; i < bodies.Length; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            }

            var body = bodies[i];
            var index = i;
            sent[index] = Stopwatch.GetTimestamp();
            posts.Add(Task.Run(async () =>
            {
                var (id, _) = await platform.PublishAsync(body);
                if (id is null)
                {
                    Interlocked.Increment(ref failures);
                }
            }));
        }

        var lastSent = sent[bodies.Length - 1];
        await Task.WhenAll(posts);
        return (failures, sent[0], lastSent);
    }

    /// <summary>Round 1 is the unreported warm-up round; the reported ones are numbered from 1 in the messages.</summary>
    private static string Label(int round) => round == 1 ? "Warm-up round" : $"Round {round - 1}";

    private static async Task<bool> WaitAsync(Func<bool> done, TimeSpan timeout)
    {
        var start = Stopwatch.GetTimestamp();
        while (!done())
        {
            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    private static void Log(string message) => Benchmark.Log(message);
}
