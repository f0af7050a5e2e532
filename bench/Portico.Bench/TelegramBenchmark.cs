using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Portico.Bench;

/// <summary>One window of webhook POSTs: what was acknowledged (200), how fast, and what it cost.</summary>
internal sealed record TelegramWindow(
    string Name,
    int Senders,
    SendRun Run,
    double ServerCpuMsPerUpdate,
    double BenchCpuMsPerUpdate,
    double? PostgresCpuMsPerUpdate,
    long? WalSyncs,
    long? Commits,
    string? LoadStart,
    string? LoadEnd)
{
    public double PerSecond => Run.Acknowledged.Count / Run.Elapsed.TotalSeconds;

    /// <summary>Server, PostgreSQL and load generator together per acknowledged update (null when PostgreSQL's CPU is unknown).</summary>
    public double? TotalCpuMsPerUpdate => PostgresCpuMsPerUpdate is { } pg ? ServerCpuMsPerUpdate + BenchCpuMsPerUpdate + pg : null;
}

/// <summary>The processor catching up with the acknowledged updates of the measured window.</summary>
internal sealed record TelegramProcessing(
    long Acknowledged,
    long ProcessedBefore,
    long ProcessedAtEndOfSending,
    long ProcessedAtEnd,
    bool Complete,
    TimeSpan FromWindowStart,
    TimeSpan AfterSending,
    long Users,
    int ExpectedUsers,
    StoreCheck Store,
    long Lost,
    double DrainServerCpuMsPerUpdate,
    long? DrainWalSyncs,
    long? DrainTransactions)
{
    /// <summary>Processed per second after the senders stopped: the processor alone on the backlog.</summary>
    public double DrainPerSecond => AfterSending > TimeSpan.Zero ? (ProcessedAtEnd - ProcessedAtEndOfSending) / AfterSending.TotalSeconds : double.NaN;

    /// <summary>Processed per second from the window's start to the last update processed, sharing the machine with the senders.</summary>
    public double OverallPerSecond => (ProcessedAtEnd - ProcessedBefore) / FromWindowStart.TotalSeconds;
}

/// <summary>What the database holds for one bot, read with SQL (PostgreSQL as the owner role, SQLite through its file).</summary>
internal sealed record StoreCheck(
    long InboundRows, long InboundDistinct, long InboundProcessed, IReadOnlySet<long> InboundIds,
    long Messages, long MessagesDistinct, IReadOnlySet<long> MessageIds, long Conversations, long ChatUsers, long BotAuditRows, long ConversationAuditRows)
{
    public long MessageDuplicates => Messages - MessagesDistinct;
}

/// <summary>The kill test: a burst, SIGKILL halfway, a restart on the same database, Telegram's redelivery, the count.</summary>
internal sealed record TelegramKill(
    int Updates,
    int Senders,
    int ExpectedUsers,
    long AcknowledgedBeforeKill,
    long FailedAtKill,
    string FailedAtKindsText,
    long NeverSent,
    TimeSpan BurstElapsed,
    TimeSpan RestartReady,
    StoreCheck AfterRestart,
    long AcknowledgedMissingAfterRestart,
    long StoredNotAcknowledged,
    int ResentUnacknowledged,
    int ResentAcknowledged,
    long ResendFailures,
    IReadOnlyDictionary<string, long> ResendFailureKinds,
    int ResendRounds,
    bool Complete,
    TimeSpan ProcessingAfterRestart,
    long CounterMessages,
    long CounterUsers,
    int ApiConversations,
    long ApiUnread,
    StoreCheck Final,
    long Lost,
    long Duplicates);

/// <summary>Everything the telegram scenario measured for one provider.</summary>
internal sealed record TelegramResults(
    TimeSpan CreateAdmin,
    TimeSpan Ready,
    string WebhookUrl,
    double? DiskFsyncsPerSecond,
    string? DiskFsyncNote,
    long WarmupAcknowledged,
    TelegramWindow Single,
    TelegramWindow Group,
    TelegramProcessing Processing,
    TelegramKill Kill,
    string TelegramCalls,
    long SendMessageCalls,
    long ServerErrorLines,
    long ProcessorFailureLines);

/// <summary>The acknowledged updates of one sending run (update ids), the ones that failed and why, and the latencies of the 200s.</summary>
internal sealed record SendRun(
    IReadOnlyList<long> Acknowledged,
    IReadOnlyList<long> Failed,
    IReadOnlyDictionary<string, long> FailureKinds,
    double[] SortedLatenciesMs,
    TimeSpan Elapsed)
{
    public long Failures => Failed.Count;

    /// <summary>Nearest-rank percentile of the 200s' latencies.</summary>
    public double Percentile(double percent) =>
        SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[Math.Clamp((int)Math.Ceiling(percent / 100 * SortedLatenciesMs.Length) - 1, 0, SortedLatenciesMs.Length - 1)];
}

/// <summary>
/// Telegram webhooks, issue "inbound at Telegram's pace": a local fake of the Bot API (<see cref="TelegramFake"/>), a
/// bot connected (<c>getMe</c>) and activated (<c>setWebhook</c>, whose secret the fake keeps), then updates POSTed to
/// <c>/api/v1/webhooks/telegram/{botId}</c> with the secret header, each a text message from one of <c>--users</c>
/// chats. Measured: updates acknowledged per second one at a time (each commit carries one update: the fsync cap) and
/// with C senders (the group commit), their latency; how fast the processor turns them into messages (the bot's
/// counters); and a kill: SIGKILL halfway through a burst, a restart on the same database, every unacknowledged
/// update and a sample of acknowledged ones sent again (Telegram redelivers what it got no answer for), and the count
/// of messages, conversations and stored updates: none lost, none twice.
/// </summary>
internal static class TelegramBenchmark
{
    /// <summary>Chat ids of the benchmark's users start here (private chats: the user's own id).</summary>
    private const long ChatBase = 500_000_000;

    private const string Slug = "bench-telegram";
    private static readonly TimeSpan VerbTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Log lines at level error or critical (the simple console's prefixes): a failed store (the writer answers 503) among them.</summary>
    private static readonly string[] ErrorLines = ["fail: ", "crit: "];

    /// <summary>The processor's warnings: a batch that failed (retried), or an update that failed (retried, then set aside).</summary>
    private static readonly string[] ProcessorFailureLines = ["Processing inbound updates failed", "Inbound update "];

    public static async Task<ScenarioRun> RunAsync(BenchOptions options)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = Report.LoadAverage();
        var warnings = new List<string>();
        await using IDatabaseFactory databases = options.Provider == Provider.Sqlite ? new SqliteDatabases() : new PostgresDatabases(options.Psql);
        await using var telegram = TelegramFake.Start();
        Log($"{options.Provider}: {databases.Description}; fake Bot API at {telegram.Url}");

        var database = await databases.CreateFreshAsync("telegram");
        var environment = Benchmark.EnvironmentFor(database);
        environment["Portico__RateLimits__Enabled"] = "false";
        environment["Portico__Auth__AccessTokenLifetime"] = "04:00:00";
        environment["Portico__Channels__Telegram__ApiUrl"] = telegram.Url;
        environment["Portico__Outbound__AllowHttpToLoopback"] = "true";
        environment["Portico__Outbound__AllowLoopbackPorts__0"] = telegram.Port.ToString(CultureInfo.InvariantCulture);
        var createAdmin = await ServerProcess.RunVerbAsync(
            options, environment, database.WorkingDirectory, ["create-admin", "--email", Platform.AdminEmail, "--password", Platform.AdminPassword], VerbTimeout);
        Log($"create-admin (migrations + one password hash): {createAdmin.TotalSeconds:0.0} s");

        var server = ServerProcess.Start(options, environment, database.WorkingDirectory);
        try
        {
            var ready = await server.WaitReadyAsync(Benchmark.ReadyTimeout);
            CountErrors(server);
            using var api = Load.CreateClient(4, TimeSpan.FromSeconds(60));
            api.DefaultRequestHeaders.UserAgent.ParseAdd("portico-bench");
            var token = await SignInAsync(api, server.BaseUri);
            await Expect(api, token, HttpMethod.Post, new Uri(server.BaseUri, "/api/v1/tenants"), new { name = "Telegram bench", slug = Slug, vertical = "generic" }, HttpStatusCode.Created);
            var main = await ConnectBotAsync(api, token, server.BaseUri, telegram, "Bench bot");
            var killBot = await ConnectBotAsync(api, token, server.BaseUri, telegram, "Kill-test bot");
            Log($"server ready in {ready.TotalMilliseconds:0} ms; tenant {Slug}, bots {main.Id} and {killBot.Id} connected and activated; webhook {main.Url}");
            if (!main.Url.EndsWith($"/api/v1/webhooks/telegram/{main.Id:D}", StringComparison.OrdinalIgnoreCase))
            {
                warnings.Add($"setWebhook was given {main.Url}, not a URL ending in /api/v1/webhooks/telegram/{main.Id:D}; the benchmark sends to that path on the server it started.");
            }

            var (fsyncs, fsyncNote) = await DiskFsyncRateAsync(options, database);
            if (fsyncs is { } rate)
            {
                Log($"pg_test_fsync: {rate:0} fdatasync/s of one 8 kB write on this disk");
            }

            var next = 0L;
            var acknowledged = 0L;
            var allAcknowledged = new List<long>();

            // Warm-up: the same senders and path (JIT, connection pools, the writer's and processor's queries), counted
            // in the bot's messages but not in the figures; then wait until the processor is done with it.
            if (options.WarmupSeconds > 0)
            {
                var warm = await SendForAsync(server.BaseUri, main, options.Connections, TimeSpan.FromSeconds(options.WarmupSeconds), () => Interlocked.Increment(ref next), options.Users);
                allAcknowledged.AddRange(warm.Acknowledged);
                acknowledged += warm.Acknowledged.Count;
                Log($"warm-up: {warm.Acknowledged.Count} updates acknowledged in {warm.Elapsed.TotalSeconds:0.0} s, {warm.Failures} failed");
                await WaitProcessedAsync(api, token, server.BaseUri, main.Id, acknowledged, TimeSpan.FromSeconds(options.DrainTimeoutSeconds));
            }

            var warmupAcknowledged = acknowledged;
            var single = await WindowAsync(databases, database, server, "One sender: each commit carries one update", 1,
                () => SendForAsync(server.BaseUri, main, 1, TimeSpan.FromSeconds(options.SequentialSeconds), () => Interlocked.Increment(ref next), options.Users));
            allAcknowledged.AddRange(single.Run.Acknowledged);
            acknowledged += single.Run.Acknowledged.Count;
            Log($"one sender: {single.PerSecond:0} updates/s acknowledged, p50 {single.Run.Percentile(50):0.00} ms, p99 {single.Run.Percentile(99):0.00} ms, {single.Run.Failures} failed");
            await WaitProcessedAsync(api, token, server.BaseUri, main.Id, acknowledged, TimeSpan.FromSeconds(options.DrainTimeoutSeconds));

            // The measured window, then the processor catching up.
            var before = (await BotAsync(api, token, server.BaseUri, main.Id)).Messages;
            var windowStart = Stopwatch.GetTimestamp();
            var group = await WindowAsync(databases, database, server, $"{options.Connections} senders: group commit", options.Connections,
                () => SendForAsync(server.BaseUri, main, options.Connections, TimeSpan.FromSeconds(options.DurationSeconds), () => Interlocked.Increment(ref next), options.Users));
            var sendingEnd = Stopwatch.GetTimestamp();
            var atEnd = (await BotAsync(api, token, server.BaseUri, main.Id)).Messages;
            var drainCpu = server.CpuTime;
            var drainWal = await WalAsync(databases, database);
            allAcknowledged.AddRange(group.Run.Acknowledged);
            acknowledged += group.Run.Acknowledged.Count;
            Log($"{options.Connections} senders: {group.PerSecond:0} updates/s acknowledged ({group.PerSecond / single.PerSecond:0.0}× one sender), p50 {group.Run.Percentile(50):0.0} ms, p99 {group.Run.Percentile(99):0.0} ms, {group.Run.Failures} failed; processed so far {atEnd - before} of {group.Run.Acknowledged.Count}");
            if (group.Run.Failures + single.Run.Failures > 0)
            {
                warnings.Add($"Webhook POSTs failed: {string.Join(", ", single.Run.FailureKinds.Concat(group.Run.FailureKinds).GroupBy(kv => kv.Key).Select(g => $"{g.Key} ×{g.Sum(kv => kv.Value)}"))}. Server output tail: {server.Tail.Split('\n').LastOrDefault()}");
            }

            var (complete, processed, doneAt) = await WaitProcessedAsync(api, token, server.BaseUri, main.Id, acknowledged, TimeSpan.FromSeconds(options.DrainTimeoutSeconds));
            var drainCpuMs = (server.CpuTime - drainCpu).TotalMilliseconds;
            var drainWalAfter = await WalAsync(databases, database);
            if (!complete)
            {
                warnings.Add($"{options.DrainTimeoutSeconds} s after sending, the bot's counters showed {processed} of {acknowledged} acknowledged updates processed: the processing rates are lower bounds.");
            }

            var mainBot = await BotAsync(api, token, server.BaseUri, main.Id);
            var mainStore = await StoreAsync(options, databases, database, main.TelegramId);
            var mainLost = allAcknowledged.Count(id => !mainStore.MessageIds.Contains(id));
            var mainUsers = allAcknowledged.Select(id => id % options.Users).Distinct().Count();
            var processing = new TelegramProcessing(
                acknowledged, before, atEnd, processed, complete,
                Stopwatch.GetElapsedTime(windowStart, doneAt), Stopwatch.GetElapsedTime(sendingEnd, doneAt), mainBot.Users, mainUsers, mainStore, mainLost,
                drainCpuMs / Math.Max(1, processed - atEnd),
                drainWal is { } w0 && drainWalAfter is { } w1 ? w1.Syncs - w0.Syncs : null,
                drainWal is { } t0 && drainWalAfter is { } t1 ? t1.Commits - t0.Commits - 1 : null);
            Log($"processed: {processed} of {acknowledged} ({processing.DrainPerSecond:0}/s after sending, {processing.OverallPerSecond:0}/s from the window's start); SQL: {mainStore.Messages} messages, {mainStore.MessageDuplicates} duplicates, {mainLost} acknowledged updates without a message");
            if (mainLost > 0 || mainStore.MessageDuplicates > 0)
            {
                warnings.Add($"Main bot: {mainLost} acknowledged updates have no message, {mainStore.MessageDuplicates} messages are duplicates (SQL).");
            }

            // The kill test, on a second bot whose counters start at zero.
            var (kill, restarted, linesBefore) = await KillTestAsync(options, databases, database, environment, server, api, token, killBot, warnings);
            server = restarted;

            var (errors, processorFailures) = (linesBefore.Errors + ErrorLines.Sum(server.LinesContaining), linesBefore.Processor + ProcessorFailureLines.Sum(server.LinesContaining));
            var results = new TelegramResults(
                createAdmin, ready, main.Url, fsyncs, fsyncNote, warmupAcknowledged, single, group, processing, kill,
                telegram.CallSummary, telegram.Calls("sendMessage"), errors, processorFailures);
            if (results.SendMessageCalls > 0)
            {
                warnings.Add($"The server called sendMessage {results.SendMessageCalls} times; the benchmark's bots have no answers configured.");
            }

            var (_, exitCode) = await server.StopAsync();
            if (exitCode != 0)
            {
                warnings.Add($"The server exited with code {exitCode} after SIGTERM.");
            }

            foreach (var warning in warnings)
            {
                await Console.Error.WriteLineAsync($"warning: {warning}");
            }

            return new ScenarioRun(Render(options, databases.Description, startedAt, loadBefore, results, warnings), Measurements(options, results, loadBefore));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>A bot as the benchmark uses it: its id, its token's bot id, the webhook's URL and secret from the fake.</summary>
    private sealed record BenchBot(Guid Id, long TelegramId, string Url, string Secret);

    private static async Task<BenchBot> ConnectBotAsync(HttpClient api, string token, Uri server, TelegramFake telegram, string name)
    {
        var (botToken, telegramId) = TelegramFake.NewBot();
        var bots = new Uri(server, $"/api/v1/tenants/{Slug}/bots");
        var bot = await Expect(api, token, HttpMethod.Post, bots, new { token = botToken, name }, HttpStatusCode.Created);
        var id = bot.GetProperty("id").GetGuid();
        await Expect(api, token, HttpMethod.Patch, new Uri(server, $"/api/v1/tenants/{Slug}/bots/{id:D}/activate"), null, HttpStatusCode.OK);
        var (url, secret) = telegram.WebhookOf(botToken);
        if (url is null || string.IsNullOrEmpty(secret))
        {
            throw new BenchException($"Activating bot {id} did not call setWebhook with a url and a secret_token (fake Bot API calls: {telegram.CallSummary}).");
        }

        return new BenchBot(id, telegramId, url, secret);
    }

    /// <summary>Measures one sending window with the server's and this process's CPU time and, on PostgreSQL, the WAL fsyncs and commits.</summary>
    private static async Task<TelegramWindow> WindowAsync(
        IDatabaseFactory databases, DatabaseTarget database, ServerProcess server, string name, int senders, Func<Task<SendRun>> send)
    {
        var walBefore = await WalAsync(databases, database);
        var postmaster = await PostmasterAsync(databases, database);
        var loadStart = Report.LoadAverage();
        var serverCpu = server.CpuTime;
        var benchCpu = Platform.OwnCpu();
        var postgresCpu = postmaster is { } pm ? ClusterCpu(pm) : null;
        var run = await send();
        var serverUsed = (server.CpuTime - serverCpu).TotalMilliseconds;
        var benchUsed = (Platform.OwnCpu() - benchCpu).TotalMilliseconds;
        var postgresUsed = postmaster is { } pm2 && postgresCpu is { } before && ClusterCpu(pm2) is { } after ? (after - before).TotalMilliseconds : (double?)null;
        var loadEnd = Report.LoadAverage();
        var walAfter = await WalAsync(databases, database);
        var count = Math.Max(1, run.Acknowledged.Count);
        return new TelegramWindow(name, senders, run, serverUsed / count, benchUsed / count, postgresUsed / count,
            walBefore is { } a && walAfter is { } b ? b.Syncs - a.Syncs : null,
            walBefore is { } c && walAfter is { } d ? d.Commits - c.Commits - 1 : null, // the first reading's own transaction
            loadStart, loadEnd);
    }

    /// <summary>
    /// The burst on the kill-test bot, SIGKILL once half of it is acknowledged, a restart on the same database, the
    /// resends, the wait for processing and the count.
    /// </summary>
    private static async Task<(TelegramKill Kill, ServerProcess Server, (long Errors, long Processor) LinesBefore)> KillTestAsync(
        BenchOptions options, IDatabaseFactory databases, DatabaseTarget database, Dictionary<string, string?> environment, ServerProcess server,
        HttpClient api, string token, BenchBot bot, List<string> warnings)
    {
        var total = options.KillUpdates;
        var killAfter = total / 2;
        var next = 0L;
        var acked = 0L;
        var killRequested = 0;
        var killed = 0;
        Task? killing = null;
        Log($"kill test: {total} updates by {options.Connections} senders; SIGKILL after {killAfter} are acknowledged");
        var dead = server;
        // The senders go on until the process is gone: the kill must find requests in the writer's queue and in its
        // transaction, not a quiet moment after a batch was answered. Requests sent between the death and the flag
        // meet a closed port; like those cut off, they count as not acknowledged, and Telegram would send them again.
        var burst = await SendAsync(dead.BaseUri, bot, options.Connections, options.Users,
            () => Volatile.Read(ref killed) == 0 && Interlocked.Increment(ref next) is var n && n <= total ? n : null,
            _ =>
            {
                if (Interlocked.Increment(ref acked) >= killAfter && Interlocked.CompareExchange(ref killRequested, 1, 0) == 0)
                {
                    killing = Task.Run(async () =>
                    {
                        await dead.KillAsync();
                        Volatile.Write(ref killed, 1);
                    });
                }
            });
        if (killing is null)
        {
            throw new BenchException($"Kill test: only {burst.Acknowledged.Count} of {total} updates were acknowledged ({string.Join(", ", burst.FailureKinds.Select(kv => $"{kv.Key} ×{kv.Value}"))}); the server was never killed. Server output tail:\n{dead.Tail}");
        }

        await killing;
        var ackedSet = burst.Acknowledged.ToHashSet();
        var sentCount = Math.Min(Interlocked.Read(ref next), total);
        Log($"kill test: server killed; {ackedSet.Count} acknowledged, {burst.Failures} sent but not acknowledged ({string.Join(", ", burst.FailureKinds.Select(kv => $"{kv.Key} ×{kv.Value}"))}), {total - sentCount} never sent");
        var linesBefore = (ErrorLines.Sum(dead.LinesContaining), ProcessorFailureLines.Sum(dead.LinesContaining));
        await dead.DisposeAsync();

        var restarted = ServerProcess.Start(options, environment, database.WorkingDirectory);
        var ready = await restarted.WaitReadyAsync(Benchmark.ReadyTimeout);
        CountErrors(restarted);
        var afterRestart = await StoreAsync(options, databases, database, bot.TelegramId);
        var missing = ackedSet.Count(id => !afterRestart.InboundIds.Contains(id));
        var storedNotAcked = afterRestart.InboundIds.Count(id => !ackedSet.Contains(id));
        Log($"kill test: restarted, ready in {ready.TotalMilliseconds:0} ms; {afterRestart.InboundRows} updates stored ({missing} acknowledged ones missing, {storedNotAcked} stored but never acknowledged)");
        if (missing > 0)
        {
            warnings.Add($"Kill test: {missing} updates acknowledged before the kill were not in inbound_updates after the restart: acknowledged but not durable.");
        }

        // Telegram sends again everything it got no 200 for; some acknowledged ones come again too (a resend after a
        // timeout whose answer was lost, say): every fifth acknowledged update is resent as such a duplicate.
        var unacknowledged = Enumerable.Range(1, total).Select(i => (long)i).Where(id => !ackedSet.Contains(id)).ToList();
        var sample = burst.Acknowledged.Order().Where((_, i) => i % 5 == 0).ToList();
        var resend = unacknowledged.Concat(sample).Order().ToList();
        var started = Stopwatch.GetTimestamp();
        var failures = new Dictionary<string, long>();
        var rounds = 0;
        var pending = resend;
        while (pending.Count > 0 && rounds < 5)
        {
            rounds++;
            var index = -1;
            var list = pending;
            var run = await SendAsync(restarted.BaseUri, bot, options.Connections, options.Users,
                () => Interlocked.Increment(ref index) is var i && i < list.Count ? list[i] : null, null);
            foreach (var (kind, count) in run.FailureKinds)
            {
                failures[kind] = failures.GetValueOrDefault(kind) + count;
            }

            pending = [.. run.Failed.Order()];
        }

        if (pending.Count > 0)
        {
            warnings.Add($"Kill test: {pending.Count} resent updates were still not acknowledged after {rounds} rounds ({string.Join(", ", failures.Select(kv => $"{kv.Key} ×{kv.Value}"))}).");
        }

        Log($"kill test: resent {unacknowledged.Count} unacknowledged and {sample.Count} acknowledged updates ({failures.Values.Sum()} failed sends, {rounds} round(s)); waiting for processing");
        var (complete, _, doneAt) = await WaitProcessedAsync(api, token, restarted.BaseUri, bot.Id, total, TimeSpan.FromSeconds(options.DrainTimeoutSeconds));
        if (!complete)
        {
            warnings.Add($"Kill test: {options.DrainTimeoutSeconds} s after the resends, the kill-test bot's counters had not reached {total} messages.");
        }

        // Quiet time: a late duplicate would show up in it.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var counters = await BotAsync(api, token, restarted.BaseUri, bot.Id);
        var (conversations, unread) = await ConversationsAsync(api, token, restarted.BaseUri, bot.Id);
        var final = await StoreAsync(options, databases, database, bot.TelegramId);
        var lost = Enumerable.Range(1, total).Count(id => !final.MessageIds.Contains(id));
        var expectedUsers = Enumerable.Range(1, total).Select(id => id % options.Users).Distinct().Count();
        var kill = new TelegramKill(
            total, options.Connections, expectedUsers, ackedSet.Count, burst.Failures, string.Join(", ", burst.FailureKinds.Select(kv => $"{kv.Key} ×{kv.Value}")), total - sentCount, burst.Elapsed, ready, afterRestart, missing, storedNotAcked,
            unacknowledged.Count, sample.Count, failures.Values.Sum(), failures, rounds, complete, Stopwatch.GetElapsedTime(started, doneAt),
            counters.Messages, counters.Users, conversations, unread, final, lost, final.MessageDuplicates + (final.InboundRows - final.InboundDistinct));
        Log($"kill test: counters {counters.Messages} messages, {counters.Users} users; API {conversations} conversations, {unread} unread; SQL {final.Messages} messages ({final.MessagesDistinct} distinct), {final.InboundRows} inbound rows, {final.Conversations} conversations; lost {lost}, duplicates {kill.Duplicates}");
        if (lost > 0 || kill.Duplicates > 0 || counters.Messages != total || conversations != expectedUsers || final.Conversations != expectedUsers || unread != total)
        {
            warnings.Add($"Kill test: expected {total} messages in {expectedUsers} conversations; counters say {counters.Messages} messages and {counters.Users} users, the API lists {conversations} conversations with {unread} unread, SQL counts {final.Messages} messages in {final.Conversations} conversations; {lost} lost, {kill.Duplicates} duplicated.");
        }

        return (kill, restarted, linesBefore);
    }

    /// <summary><paramref name="senders"/> loops POST updates until <paramref name="duration"/> is over; ids from <paramref name="nextId"/>.</summary>
    private static Task<SendRun> SendForAsync(Uri server, BenchBot bot, int senders, TimeSpan duration, Func<long> nextId, int users)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return SendAsync(server, bot, senders, users, () => Stopwatch.GetTimestamp() < deadline ? nextId() : null, null);
    }

    /// <summary>
    /// <paramref name="senders"/> closed loops, each POSTing the update <paramref name="nextId"/> gives until it gives null;
    /// each id once, a failure is not retried here. <paramref name="onAcknowledged"/> runs on every 200.
    /// </summary>
    private static async Task<SendRun> SendAsync(Uri server, BenchBot bot, int senders, int users, Func<long?> nextId, Action<long>? onAcknowledged)
    {
        var path = $"/api/v1/webhooks/telegram/{bot.Id:D}";
        var start = Stopwatch.GetTimestamp();
        var workers = await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            using var connection = new WebhookConnection(server, RequestTimeout);
            var acknowledged = new List<long>();
            var failed = new List<long>();
            var latencies = new List<double>();
            var kinds = new Dictionary<string, long>();
            while (nextId() is { } id)
            {
                var sent = Stopwatch.GetTimestamp();
                var failure = await connection.PostAsync(path, bot.Secret, Update(connection.Body, id, ChatBase + (id % users)));
                if (failure is null)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    acknowledged.Add(id);
                    onAcknowledged?.Invoke(id);
                }
                else
                {
                    failed.Add(id);
                    kinds[failure] = kinds.GetValueOrDefault(failure) + 1;
                }
            }

            return (acknowledged, failed, latencies, kinds);
        })));
        var elapsed = Stopwatch.GetElapsedTime(start);
        var sorted = workers.SelectMany(w => w.latencies).ToArray();
        Array.Sort(sorted);
        return new SendRun(
            [.. workers.SelectMany(w => w.acknowledged)],
            [.. workers.SelectMany(w => w.failed)],
            workers.SelectMany(w => w.kinds).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value)),
            sorted,
            elapsed);
    }

    /// <summary>A private text message as Telegram's webhook delivers it, written into <paramref name="body"/>; returns its length.</summary>
    private static int Update(Span<byte> body, long updateId, long chatId) =>
        System.Text.Unicode.Utf8.TryWrite(body, CultureInfo.InvariantCulture,
            $$$"""{"update_id":{{{updateId}}},"message":{"message_id":{{{updateId}}},"date":{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}},"chat":{"id":{{{chatId}}},"type":"private","first_name":"User","last_name":"{{{chatId}}}"},"from":{"id":{{{chatId}}},"is_bot":false,"first_name":"User","last_name":"{{{chatId}}}","language_code":"en"},"text":"Hello from update {{{updateId}}}"}}""",
            out var written)
            ? written
            : throw new InvalidOperationException("An update larger than the sender's buffer.");

    /// <summary>Polls the bot's <c>counters.messages</c> every 200 ms until it reaches <paramref name="expected"/>; returns when it did.</summary>
    private static async Task<(bool Complete, long Messages, long At)> WaitProcessedAsync(HttpClient api, string token, Uri server, Guid bot, long expected, TimeSpan timeout)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var messages = (await BotAsync(api, token, server, bot)).Messages;
            var at = Stopwatch.GetTimestamp();
            if (messages >= expected || Stopwatch.GetElapsedTime(start) > timeout)
            {
                return (messages >= expected, messages, at);
            }

            await Task.Delay(Poll);
        }
    }

    private static async Task<(long Messages, long Users)> BotAsync(HttpClient api, string token, Uri server, Guid bot)
    {
        var view = await Expect(api, token, HttpMethod.Get, new Uri(server, $"/api/v1/tenants/{Slug}/bots/{bot:D}"), null, HttpStatusCode.OK);
        var counters = view.GetProperty("counters");
        return (counters.GetProperty("messages").GetInt64(), counters.GetProperty("users").GetInt64());
    }

    /// <summary>Every conversation of the bot through the API, page by page (200 a page): how many, and their unread messages.</summary>
    private static async Task<(int Count, long Unread)> ConversationsAsync(HttpClient api, string token, Uri server, Guid bot)
    {
        var ids = new HashSet<Guid>();
        long unread = 0;
        string? cursor = null;
        do
        {
            var query = $"/api/v1/tenants/{Slug}/conversations?botId={bot:D}&limit=200" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await Expect(api, token, HttpMethod.Get, new Uri(server, query), null, HttpStatusCode.OK);
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                if (ids.Add(item.GetProperty("id").GetGuid()))
                {
                    unread += item.GetProperty("unreadCount").GetInt64();
                }
            }

            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return (ids.Count, unread);
    }

    /// <summary>The bot's stored updates, messages, conversations and users, straight from the database.</summary>
    private static async Task<StoreCheck> StoreAsync(BenchOptions options, IDatabaseFactory databases, DatabaseTarget database, long telegramId)
    {
        var postgres = databases as PostgresDatabases;
        string T(string table) => postgres is null ? $"messaging_{table}" : $"messaging.{table}";
        var bot = string.Create(CultureInfo.InvariantCulture, $"(SELECT id FROM {T("bots")} WHERE telegram_id = {telegramId})");
        var inbound = await RowsAsync(2, $"SELECT update_id, CASE WHEN processed_at IS NULL THEN 0 ELSE 1 END FROM {T("inbound_updates")} WHERE bot_id = {bot}");
        var messages = await RowsAsync(1, $"SELECT m.update_id FROM {T("messages")} m JOIN {T("conversations")} c ON c.id = m.conversation_id WHERE c.bot_id = {bot} AND m.direction = 'in'");
        var counts = (await RowsAsync(4, $"SELECT (SELECT count(*) FROM {T("conversations")} WHERE bot_id = {bot}), (SELECT count(*) FROM {T("chat_users")} WHERE bot_id = {bot}), "
            + $"(SELECT count(*) FROM {T("audit_log")} WHERE entity_id = {bot}), "
            + $"(SELECT count(*) FROM {T("audit_log")} a JOIN {T("conversations")} c ON c.id = a.entity_id WHERE c.bot_id = {bot})"))[0];
        var inboundIds = inbound.Select(r => r[0]).ToHashSet();
        var messageIds = messages.Select(r => r[0]).ToHashSet();
        return new StoreCheck(inbound.Count, inboundIds.Count, inbound.Count(r => r[1] == 1), inboundIds, messages.Count, messageIds.Count, messageIds, counts[0], counts[1], counts[2], counts[3]);

        async Task<List<long[]>> RowsAsync(int columns, string sql)
        {
            if (postgres is not null)
            {
                var text = await postgres.ExecuteAsync(database, sql + ";");
                return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(line => line.Split('|').Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray())];
            }

            using var file = SqliteFile.Open(SqliteDatabases.FileOf(database), options.Server);
            using var statement = file.Prepare(sql);
            var rows = new List<long[]>();
            while (statement.Step())
            {
                var row = new long[columns];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = statement.Int64(i);
                }

                rows.Add(row);
            }

            return rows;
        }
    }

    /// <summary>PostgreSQL's WAL fsyncs (whole cluster) and this database's commits so far; null on SQLite.</summary>
    private static async Task<(long Syncs, long Commits)?> WalAsync(IDatabaseFactory databases, DatabaseTarget database)
    {
        if (databases is not PostgresDatabases postgres)
        {
            return null;
        }

        try
        {
            var text = (await postgres.ExecuteAsync(database, "SELECT (SELECT wal_sync FROM pg_stat_wal), (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database());")).Trim().Split('|');
            return (long.Parse(text[0], CultureInfo.InvariantCulture), long.Parse(text[1], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is BenchException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The PostgreSQL cluster's postmaster when it runs on this machine; null on SQLite or when it cannot be found.</summary>
    private static async Task<int?> PostmasterAsync(IDatabaseFactory databases, DatabaseTarget database)
    {
        if (databases is not PostgresDatabases postgres || !OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            // Every process the view lists but this session's own is a child of the postmaster (the owner role does not
            // see the other processes' backend_type, only their pid); the lowest is usually the checkpointer.
            var child = int.Parse((await postgres.ExecuteAsync(database, "SELECT min(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid();")).Trim(), CultureInfo.InvariantCulture);
            return Stat(child) is { } stat ? stat.Parent : null;
        }
        catch (Exception ex) when (ex is BenchException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// CPU time (user + system) of a PostgreSQL cluster so far, from <c>/proc</c>: the postmaster's own, its live
    /// children's (server connections, WAL writer, checkpointer, autovacuum…) and that of its children that ended
    /// (the postmaster's <c>cutime</c>/<c>cstime</c>), so a backend that exits within a window is still counted.
    /// </summary>
    private static TimeSpan? ClusterCpu(int postmaster)
    {
        long ticks = 0;
        var found = false;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || Stat(pid) is not { } stat)
            {
                continue;
            }

            if (pid == postmaster)
            {
                ticks += stat.Ticks + stat.ChildrenTicks;
                found = true;
            }
            else if (stat.Parent == postmaster)
            {
                ticks += stat.Ticks;
            }
        }

        // Clock ticks of /proc/<pid>/stat: USER_HZ, 100 on Linux.
        return found ? TimeSpan.FromMilliseconds(ticks * 10) : null;
    }

    /// <summary>A process's parent, its CPU ticks (utime + stime) and its reaped children's (cutime + cstime); null when it is gone.</summary>
    private static (int Parent, long Ticks, long ChildrenTicks)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return ((int)Field(1), Field(11) + Field(12), Field(13) + Field(14));
    }

    /// <summary>
    /// The disk's own fsync rate, PostgreSQL only: <c>pg_test_fsync</c> (beside psql) writing 8 kB and calling fdatasync
    /// (PostgreSQL's default WAL sync method on Linux) for 2 s, in the database's temp directory.
    /// </summary>
    private static async Task<(double?, string?)> DiskFsyncRateAsync(BenchOptions options, DatabaseTarget database)
    {
        if (options.Provider != Provider.Postgres)
        {
            return (null, null);
        }

        var directory = Path.GetDirectoryName(options.Psql ?? "") is { Length: > 0 } d ? d : null;
        var tool = directory is null ? "pg_test_fsync" : Path.Combine(directory, "pg_test_fsync");
        var file = Path.Combine(database.WorkingDirectory, "pg_test_fsync.out");
        try
        {
            var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in (string[])["-s", "2", "-f", file])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new BenchException("pg_test_fsync did not start");
            var output = new List<string>();
            // The first section ("Compare file sync methods using one 8kB write") has the fdatasync line; the rest is not needed.
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                output.Add(line);
                if (line.TrimStart().StartsWith("fdatasync", StringComparison.Ordinal) && line.Contains("ops/sec", StringComparison.Ordinal))
                {
                    process.Kill();
                    await process.WaitForExitAsync();
                    var number = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(w => w != "fdatasync").Skip(1).First();
                    return (double.Parse(number, CultureInfo.InvariantCulture), null);
                }
            }

            await process.WaitForExitAsync();
            return (null, $"pg_test_fsync gave no fdatasync line: {string.Join(" / ", output.TakeLast(3))}");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or BenchException or FormatException or InvalidOperationException)
        {
            return (null, $"pg_test_fsync could not run: {ex.Message}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> SignInAsync(HttpClient api, Uri server)
    {
        using var login = await api.PostAsJsonAsync(new Uri(server, "/api/v1/auth/login"), new { email = Platform.AdminEmail, password = Platform.AdminPassword }, Json);
        await Platform.ExpectAsync(login, HttpStatusCode.OK, "sign-in");
        return (await login.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString()
            ?? throw new BenchException("The sign-in answer has no accessToken.");
    }

    private static async Task<JsonElement> Expect(HttpClient api, string token, HttpMethod method, Uri url, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        using var response = await api.SendAsync(request);
        await Platform.ExpectAsync(response, expected, $"{method} {url.PathAndQuery}");
        return response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    private static void CountErrors(ServerProcess server)
    {
        foreach (var text in ErrorLines.Concat(ProcessorFailureLines))
        {
            server.CountLinesContaining(text);
        }
    }

    private static IReadOnlyList<Measurement> Measurements(BenchOptions options, TelegramResults r, string? loadBefore) =>
    [
        new Measurement("Webhook updates, one sender", r.Single.LoadStart, r.Single.LoadEnd,
        [
            Figure.Rate("acknowledged", r.Single.PerSecond), Figure.Ms("p50", r.Single.Run.Percentile(50)), Figure.Ms("p99", r.Single.Run.Percentile(99)),
            Figure.Ms("server CPU per update", r.Single.ServerCpuMsPerUpdate),
        ]),
        new Measurement($"Webhook updates, {options.Connections} senders", r.Group.LoadStart, r.Group.LoadEnd,
        [
            Figure.Rate("acknowledged", r.Group.PerSecond), Figure.Ms("p50", r.Group.Run.Percentile(50)), Figure.Ms("p99", r.Group.Run.Percentile(99)),
            Figure.Ms("server CPU per update", r.Group.ServerCpuMsPerUpdate), Figure.Ms("PostgreSQL CPU per update", r.Group.PostgresCpuMsPerUpdate ?? double.NaN),
            Figure.Ms("bench CPU per update", r.Group.BenchCpuMsPerUpdate), Figure.Count("failed", r.Group.Run.Failures),
        ]),
        new Measurement("Processing", null, null,
            [Figure.Rate("processed after sending", r.Processing.DrainPerSecond), Figure.Rate("processed from the window's start", r.Processing.OverallPerSecond)]),
        new Measurement($"Kill test, {r.Kill.Updates} updates", loadBefore, Report.LoadAverage(),
            [Figure.Count("lost", r.Kill.Lost), Figure.Count("duplicated", r.Kill.Duplicates), Figure.Count("acknowledged but not stored", r.Kill.AcknowledgedMissingAfterRestart)]),
    ];

    private static string Render(BenchOptions options, string database, DateTimeOffset startedAt, string? loadBefore, TelegramResults r, IReadOnlyList<string> warnings)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
        static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms.ToString(ms >= 100 ? "0" : ms >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
        static string Rate(double rate) => double.IsNaN(rate) ? "–" : rate.ToString("N0", CultureInfo.InvariantCulture);

        Report.Header(
            md,
            options,
            "Telegram webhooks: updates acknowledged and processed, kill test",
            database,
            startedAt,
            loadBefore,
            "Release publish, `ASPNETCORE_ENVIRONMENT=Production`, text logs, `Portico__RateLimits__Enabled=false`; Telegram's Bot API is a fake in the benchmark process (`Portico__Channels__Telegram__ApiUrl`, loopback allowed by `Portico__Outbound__*`); `Portico:Channels` at its defaults (group commit of up to 1 000 updates)",
            string.Create(CultureInfo.InvariantCulture, $"`POST /api/v1/webhooks/telegram/{{botId}}` with the secret header, text messages from {options.Users:N0} users (chats); {options.WarmupSeconds} s warm-up with {options.Connections} senders, {options.SequentialSeconds} s with one sender, {options.DurationSeconds} s with {options.Connections} senders; kill test {options.KillUpdates:N0} updates, {options.Connections} senders; HTTP/1.1 keep-alive over loopback"));

        var target = 5000;
        Line($"### Acknowledged: stored durably, then 200");
        Line($"");
        Line($"| Senders | Acknowledged | Failed | Updates/s | p50 ms | p90 ms | p99 ms | Max ms | Server CPU ms/update | PostgreSQL CPU ms/update | Bench CPU ms/update | WAL fsyncs | Transactions | Load 1/5/15 min (start → end) |");
        Line($"|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (var w in (TelegramWindow[])[r.Single, r.Group])
        {
            var run = w.Run;
            Line($"| {w.Name} | {run.Acknowledged.Count:N0} | {run.Failures} | {Rate(w.PerSecond)} | {Ms(run.Percentile(50))} | {Ms(run.Percentile(90))} | {Ms(run.Percentile(99))} | {Ms(run.SortedLatenciesMs.LastOrDefault(double.NaN))} | {w.ServerCpuMsPerUpdate:0.000} | {(w.PostgresCpuMsPerUpdate is { } pg ? pg.ToString("0.000", CultureInfo.InvariantCulture) : "–")} | {w.BenchCpuMsPerUpdate:0.000} | {(w.WalSyncs is { } s ? s.ToString("N0", CultureInfo.InvariantCulture) : "–")} | {(w.Commits is { } c ? c.ToString("N0", CultureInfo.InvariantCulture) : "–")} | {w.LoadStart} → {w.LoadEnd} |");
        }

        Line($"");
        var ratio = r.Group.PerSecond / r.Single.PerSecond;
        Line($"**Group commit against one commit per update:** {Rate(r.Group.PerSecond)} updates/s with {options.Connections} senders is **{ratio:0.0}×** the {Rate(r.Single.PerSecond)} updates/s of one sender, whose every request waits for a commit of its own update{(r.DiskFsyncsPerSecond is { } f ? string.Create(CultureInfo.InvariantCulture, $"; the disk itself does {f:N0} fdatasync/s (`pg_test_fsync`, one 8 kB write each)") : "")}. Target ≥ {target:N0} updates/s acknowledged durably: **{(r.Group.PerSecond >= target ? "met" : "not met")}** on this machine.");
        if (r.Group.TotalCpuMsPerUpdate is { } total)
        {
            Line($"");
            Line($"**CPU per acknowledged update with {options.Connections} senders:** {total:0.000} ms (server {r.Group.ServerCpuMsPerUpdate:0.000}, PostgreSQL {r.Group.PostgresCpuMsPerUpdate:0.000}, load generator {r.Group.BenchCpuMsPerUpdate:0.000}): the {Environment.ProcessorCount} cores could acknowledge at most {Environment.ProcessorCount * 1000 / total:N0} updates/s if nothing else ran on them; {Rate(r.Group.PerSecond)}/s used {r.Group.PerSecond * total / (Environment.ProcessorCount * 10.0):0}% of them, the rest went to waiting (the commits' fsyncs) and to other processes (see the load averages).");
        }

        if (r.DiskFsyncNote is { } note)
        {
            Line($"");
            Line($"({note})");
        }

        Line($"");
        Line($"An update is **acknowledged** when its POST is answered 200, which the server does only once the update is committed (or was already stored). **Updates/s**: acknowledged / time from the first POST to the last answer. Latencies are those of the 200s (nearest rank). **Server CPU**: the server process's user + system time over the window per acknowledged update; **PostgreSQL CPU** that of the cluster's processes (the postmaster, its children, and those of its children that ended meanwhile, from `/proc`); **bench CPU** that of the load generator. **WAL fsyncs**: `pg_stat_wal.wal_sync` of the whole cluster over the window; **transactions**: `pg_stat_database.xact_commit` of the benchmark's database (every statement outside an explicit transaction counts as one, reads included, as do the server's background pollers). Both include the processor, which runs meanwhile and commits each update's effects in a transaction of its own; the one-sender figure includes it too, so it is the one-commit-per-update rate of the server as it runs, not of the disk alone.");
        Line($"");

        var p = r.Processing;
        Line($"### Processed: stored updates turned into conversations and messages");
        Line($"");
        Line($"| Measure | Value |");
        Line($"|---|--:|");
        Line($"| Updates acknowledged, all windows (warm-up {r.WarmupAcknowledged:N0}, one sender {r.Single.Run.Acknowledged.Count:N0}, {options.Connections} senders {r.Group.Run.Acknowledged.Count:N0}) | {p.Acknowledged:N0} |");
        Line($"| Processed when the {options.Connections}-sender window ended (of its {r.Group.Run.Acknowledged.Count:N0}) | {p.ProcessedAtEndOfSending - p.ProcessedBefore:N0} |");
        Line($"| Backlog then drained in | {p.AfterSending.TotalSeconds:0.0} s{(p.Complete ? "" : " (not complete: timed out)")} |");
        Line($"| **Processed/s after sending** (the processor alone on the backlog) | **{Rate(p.DrainPerSecond)}** |");
        Line($"| Processed/s from the window's start to the last update processed (sharing the machine with the senders) | {Rate(p.OverallPerSecond)} |");
        var drained = Math.Max(1, p.ProcessedAtEnd - p.ProcessedAtEndOfSending);
        Line($"| While draining, per processed update: server CPU ms{(p.DrainWalSyncs is null ? "" : " / WAL fsyncs / transactions in the database")} | {p.DrainServerCpuMsPerUpdate:0.00}{(p.DrainWalSyncs is { } ws ? string.Create(CultureInfo.InvariantCulture, $" / {(double)ws / drained:0.00} / {(double)p.DrainTransactions!.Value / drained:0.0}") : "")} |");
        Line($"| Bot counters: messages / users (expected {p.Acknowledged:N0} / {p.ExpectedUsers:N0}) | {p.ProcessedAtEnd:N0} / {p.Users:N0} |");
        Line($"| SQL: inbound updates stored / processed | {p.Store.InboundRows:N0} / {p.Store.InboundProcessed:N0} |");
        Line($"| SQL: incoming messages (distinct update ids), conversations, users | {p.Store.Messages:N0} ({p.Store.MessagesDistinct:N0}), {p.Store.Conversations:N0}, {p.Store.ChatUsers:N0} |");
        Line($"| Acknowledged updates without a message (lost) / duplicated messages | {p.Lost} / {p.Store.MessageDuplicates} |");
        Line($"| SQL: audit rows of the bot / of its conversations (`audit_log`), per message | {p.Store.BotAuditRows:N0} / {p.Store.ConversationAuditRows:N0}, {(double)p.Store.BotAuditRows / Math.Max(1, p.Store.Messages):0.00} / {(double)p.Store.ConversationAuditRows / Math.Max(1, p.Store.Messages):0.00} |");
        Line($"");
        Line($"The processor works through the stored updates in arrival order, one transaction per update (the user, the conversation, the message, the bot's counters, `message.received` in the outbox). **Processed** is the bot's `counters.messages`, read every 200 ms through `GET …/bots/{{id}}`.");
        Line($"");

        var k = r.Kill;
        Line($"### Kill test: SIGKILL during a burst, restart, Telegram's redelivery");
        Line($"");
        Line($"| Measure | Value |");
        Line($"|---|--:|");
        Line($"| Updates in the burst (distinct update ids, from {k.ExpectedUsers:N0} users), senders | {k.Updates:N0}, {k.Senders} |");
        Line($"| Acknowledged before the kill (SIGKILL once {k.Updates / 2:N0} were) | {k.AcknowledgedBeforeKill:N0} |");
        Line($"| Sent but not acknowledged (cut off by the kill, or sent to the dead port before the senders stopped) / never sent | {k.FailedAtKill:N0}{(k.FailedAtKindsText is { Length: > 0 } kinds ? $" ({kinds})" : "")} / {k.NeverSent:N0} |");
        Line($"| Restart on the same database: ready in | {k.RestartReady.TotalSeconds:0.0} s |");
        Line($"| Stored after the restart, before any resend (`inbound_updates`) | {k.AfterRestart.InboundRows:N0} |");
        Line($"| … of them acknowledged / stored but never acknowledged (committed, answer cut off) | {k.AfterRestart.InboundRows - k.StoredNotAcknowledged:N0} / {k.StoredNotAcknowledged:N0} |");
        Line($"| **Acknowledged but not stored (lost acknowledgements)** | **{k.AcknowledgedMissingAfterRestart}** |");
        Line($"| Resent: every unacknowledged update + every fifth acknowledged one (duplicates) | {k.ResentUnacknowledged:N0} + {k.ResentAcknowledged:N0} |");
        Line($"| Resends that failed (retried, {k.ResendRounds} round(s)) | {k.ResendFailures}{(k.ResendFailureKinds.Count == 0 ? "" : $" ({string.Join(", ", k.ResendFailureKinds.Select(kv => $"{kv.Key} ×{kv.Value}"))})")} |");
        Line($"| All processed, from the first resend | {k.ProcessingAfterRestart.TotalSeconds:0.0} s{(k.Complete ? "" : " (not complete: timed out)")} |");
        Line($"| Bot counters: messages / users (expected {k.Updates:N0} / {k.ExpectedUsers:N0}) | {k.CounterMessages:N0} / {k.CounterUsers:N0} |");
        Line($"| API: conversations of the bot (all pages) / their unread messages | {k.ApiConversations:N0} / {k.ApiUnread:N0} |");
        Line($"| SQL: inbound updates (distinct) / processed | {k.Final.InboundRows:N0} ({k.Final.InboundDistinct:N0}) / {k.Final.InboundProcessed:N0} |");
        Line($"| SQL: incoming messages (distinct update ids) / conversations / users | {k.Final.Messages:N0} ({k.Final.MessagesDistinct:N0}) / {k.Final.Conversations:N0} / {k.Final.ChatUsers:N0} |");
        Line($"| **Lost** (update ids 1…{k.Updates:N0} without a message) | **{k.Lost}** |");
        Line($"| **Duplicates** (messages or stored updates beyond one per update id) | **{k.Duplicates}** |");
        Line($"");
        Line($"The server is killed with SIGKILL (no shutdown code runs) once {k.Updates / 2:N0} updates were answered 200, while the {k.Senders} senders go on sending until the process is gone: the kill lands with requests in the writer's queue or in its transaction, and the processor mid-batch. It restarts on the same database and finds the unprocessed updates by itself.");
        Line($"");
        Line($"Untimed set-up: `create-admin` (migrations, one password hash) {r.CreateAdmin.TotalSeconds:0.0} s; server ready {r.Ready.TotalMilliseconds:0} ms after its start; webhook URL given to `setWebhook`: `{r.WebhookUrl}`. Bot API calls the fake received: {r.TelegramCalls}. Server log lines at level error or critical (a failed store among them): {r.ServerErrorLines}; processor warnings (a batch or an update that failed and was retried): {r.ProcessorFailureLines}.");
        if (warnings.Count > 0)
        {
            Line($"");
            Line($"**Warnings:**");
            foreach (var warning in warnings)
            {
                Line($"- {warning.Split('\n')[0]}");
            }
        }

        Line($"");
        return md.ToString();
    }

    private static void Log(string message) => Benchmark.Log(message);
}
