using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Portico.Bench;

/// <summary>One build's database for the list scenario, seeded, with the Owner who reads it.</summary>
internal sealed record ListDatabase(
    Build Build,
    BenchOptions Options,
    DatabaseTarget Database,
    IReadOnlyDictionary<string, string?> Environment,
    CrmTenant Tenant,
    long Leads,
    TimeSpan Seed,
    string Size,
    string How,
    TimeSpan MigratedAndReady,
    List<string> Warnings);

/// <summary>One measured window of a visit: the load run, the CPU time per answered request, the load average around it.</summary>
internal sealed record ListWindow(
    string Name, int Loops, LoadResult Load, double ServerCpuMsPerRequest, double BenchCpuMsPerRequest, string? LoadStart, string? LoadEnd, TimeSpan IdleWait, double IdleCpuMsPerSecond);

/// <summary>One start of a build's server on its seeded database, and what it measured.</summary>
internal sealed record ListVisit(int Round, TimeSpan Ready, double FirstRequestMs, string? FirstFailure, IReadOnlyList<ListWindow> Windows);

/// <summary>
/// The plain lead list of a big tenant and the cheapest authenticated request: issue 11's "core speed" figures.
/// Per build: a fresh database migrated by that build (its first start), one registered Owner who creates a tenant
/// with two lead custom fields (<see cref="CrmBenchmark.CreateTenantAsync"/>) and one lead through the API; the server
/// is stopped and <c>--leads</c> leads are written straight into the database (PostgreSQL: <see cref="CrmSeed.Insert"/>
/// through psql, then VACUUM ANALYZE; SQLite: <see cref="SqliteSeed"/>). Then each visit starts the server on it and
/// measures, with the Owner's token: C loops of <c>GET …/crm/leads?limit=20</c>, one loop of the same request alone, and
/// C loops of <c>GET /api/v1/me</c>. With two builds, both are seeded first and the visits alternate (old, new, then
/// new, old…), so both builds see the same machine as nearly as the machine allows.
/// </summary>
internal static class ListBenchmark
{
    private const int PageSize = 20;
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The order of the visits, as the report says it: old, new, new, old…</summary>
    public static string Order(int rounds) =>
        string.Join(", ", Enumerable.Range(1, rounds).SelectMany(r => r % 2 == 1 ? (string[])["old", "new"] : ["new", "old"]));

    public static async Task<IReadOnlyList<(Build Build, ScenarioRun Run)>> RunAsync(BenchOptions options, IReadOnlyList<Build> builds)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = Report.LoadAverage();
        await using IDatabaseFactory databases = options.Provider == Provider.Sqlite ? new SqliteDatabases() : new PostgresDatabases(options.Psql);
        Log($"{options.Provider}: {databases.Description}");

        var prepared = new List<ListDatabase>();
        for (var i = 0; i < builds.Count; i++)
        {
            prepared.Add(await PrepareAsync(builds[i], options.ForBuild(builds[i]), databases, i + 1));
        }

        var visits = prepared.ToDictionary(p => p, _ => new List<ListVisit>());
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var database in round % 2 == 1 ? prepared : Enumerable.Reverse(prepared))
            {
                visits[database].Add(await VisitAsync(database, round));
            }
        }

        var results = new List<(Build, ScenarioRun)>();
        foreach (var database in prepared)
        {
            foreach (var warning in database.Warnings)
            {
                await Console.Error.WriteLineAsync($"warning: {database.Build.Label}: {warning.Split('\n')[0]}");
            }

            results.Add((database.Build, new ScenarioRun(Render(database, databases.Description, startedAt, loadBefore, visits[database]), Measurements(database, visits[database]))));
        }

        return results;
    }

    /// <summary>Fresh database migrated by this build, an Owner and a tenant through the API, the server stopped, the leads written.</summary>
    internal static async Task<ListDatabase> PrepareAsync(Build build, BenchOptions options, IDatabaseFactory databases, int number)
    {
        var warnings = new List<string>();
        var database = await databases.CreateFreshAsync($"list-{number}");
        var environment = Benchmark.EnvironmentFor(database);
        // As in the crm scenario: thousands of reads a second from one address are the point, and the Owner's token
        // must outlive the seeding and every visit.
        environment["Portico__RateLimits__Enabled"] = "false";
        environment["Portico__Auth__AccessTokenLifetime"] = "04:00:00";
        // No create-admin: the server migrates the empty database when it starts, and the Owner registers.
        CrmTenant tenant;
        CrmSeedTenant seed;
        (Guid Id, DateTimeOffset CreatedAt) template;
        TimeSpan ready;
        await using (var server = ServerProcess.Start(options, environment, database.WorkingDirectory))
        {
            ready = await server.WaitReadyAsync(Benchmark.ReadyTimeout);
            Log($"{build.Label}: the empty database migrated, server ready in {ready.TotalSeconds:0.0} s");
            using var client = Load.CreateClient(4, timeout: TimeSpan.FromSeconds(60));
            client.BaseAddress = server.BaseUri;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("portico-bench");
            (tenant, seed) = await CrmBenchmark.CreateTenantAsync(client, database.WorkingDirectory, 1);

            // One lead through the API: proves this build's write path, and shows the SQLite seed how it stores ids and times.
            var lead = await CrmBenchmark.SendAsync(client, tenant.Token, HttpMethod.Post, $"/api/v1/tenants/{tenant.Slug}/crm/leads",
                new { title = "Lead written through the API", contactName = "Anna Müller", email = "anna.mueller@web.de", source = "web_form" }, HttpStatusCode.Created);
            template = (lead.GetProperty("id").GetGuid(), lead.GetProperty("createdAt").GetDateTimeOffset());
            var (_, exitCode) = await server.StopAsync();
            if (exitCode != 0)
            {
                warnings.Add($"The set-up server exited with code {exitCode} after SIGTERM.");
            }
        }

        // The server is stopped: on SQLite nothing else has the file open while it is written.
        Log($"{build.Label}: tenant {tenant.Slug} and its Owner created; writing {options.Leads:N0} leads into the database");
        var started = Stopwatch.GetTimestamp();
        long leads;
        string size, how;
        if (databases is PostgresDatabases postgres)
        {
            await postgres.ExecuteAsync(database, CrmSeed.Insert(seed, options.Leads, chronological: true));
            // VACUUM as well as ANALYZE: the visibility map and hint bits are set now, not by the first reads or by an
            // autovacuum that the insert would trigger in the middle of one build's measurement and not the other's.
            await postgres.ExecuteAsync(database, "VACUUM (ANALYZE) crm.leads;");
            var stats = (await postgres.ExecuteAsync(database, "SELECT count(*), pg_size_pretty(pg_total_relation_size('crm.leads')) FROM crm.leads;")).Trim().Split('|');
            leads = long.Parse(stats[0], CultureInfo.InvariantCulture);
            size = $"{stats[1]} (`crm.leads` with its indexes)";
            how = "one `INSERT … SELECT … FROM generate_series … ORDER BY created_at` through psql as the owner role, then `VACUUM (ANALYZE) crm.leads`";
        }
        else
        {
            var file = SqliteDatabases.FileOf(database);
            var storage = SqliteSeed.Insert(file, options.Server, seed, options.Leads, template);
            leads = SqliteSeed.Count(file, options.Server);
            size = string.Create(CultureInfo.InvariantCulture, $"{new FileInfo(file).Length / 1024.0 / 1024.0:0} MiB (the whole database file)");
            how = $"one transaction of prepared inserts, oldest lead first, through the server's own e_sqlite3 library ({storage}); the FTS5 trigger fills the search table; no ANALYZE (the server runs none)";
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Log($"{build.Label}: {leads:N0} leads in the table, written in {elapsed.TotalSeconds:0.0} s; {size}");
        return new ListDatabase(build, options, database, environment, tenant, leads, elapsed, size, how, ready, warnings);
    }

    /// <summary>Starts the build's server on its database, measures the three windows, stops it.</summary>
    private static async Task<ListVisit> VisitAsync(ListDatabase database, int round)
    {
        var options = database.Options;
        var label = database.Build.Label;
        var windows = new List<ListWindow>();
        await using var server = ServerProcess.Start(options, database.Environment, database.Database.WorkingDirectory);
        var ready = await server.WaitReadyAsync(Benchmark.ReadyTimeout);
        var timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds);
        using var client = Load.CreateClient(options.Connections + 1, timeout);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("portico-bench");
        var list = new Uri(server.BaseUri, $"/api/v1/tenants/{database.Tenant.Slug}/crm/leads?limit={PageSize}");
        var me = new Uri(server.BaseUri, "/api/v1/me");
        var token = new AuthenticationHeaderValue("Bearer", database.Tenant.Token);
        var bodies = new Dictionary<string, string>();
        Task<string?> Page(int _) => PageAsync(client, list, token, bodies);
        Task<string?> Me(int _) => MeAsync(client, me, token, bodies);

        // The first request after the start, caches cold. Anything but a full page or a timeout means the data or the
        // build is wrong, and no figure would mean anything.
        var started = Stopwatch.GetTimestamp();
        string? firstFailure;
        try
        {
            firstFailure = await Page(0);
        }
        catch (TaskCanceledException)
        {
            firstFailure = "timeout";
        }
        catch (HttpRequestException ex)
        {
            firstFailure = ex.HttpRequestError.ToString();
        }

        var firstMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (firstFailure is not null and not "timeout")
        {
            throw new BenchException($"{label}: GET {list.PathAndQuery} answered {firstFailure}{(bodies.TryGetValue(firstFailure, out var body) ? $": {body}" : "")}. Server output tail:\n{server.Tail}");
        }

        Log($"{label}, round {round}: server ready in {ready.TotalMilliseconds:0} ms; first list request {(firstFailure ?? $"{firstMs:0} ms")}");

        // The list is warmed up by one loop, not C: when one request takes a second (SQLite at 300 000 leads, say), C
        // loops would queue C seconds of work that the server finishes long after the client gave up on it. The
        // request alone comes first, then the C loops, whose requests are the same.
        var loops = Enumerable.Range(0, options.Connections).ToArray();
        var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
        windows.Add(await WindowAsync(options, server, $"List `?limit={PageSize}`, one request at a time", [0], Page, options.SequentialSeconds,
            options.WarmupSeconds == 0 ? null : () => WarmUpAloneAsync(Page, warmup)));
        windows.Add(await WindowAsync(options, server, $"List `?limit={PageSize}`, {options.Connections} loops", loops, Page, options.DurationSeconds, warmup: null));
        windows.Add(await WindowAsync(options, server, $"`GET /api/v1/me`, {options.Connections} loops", loops, Me, options.DurationSeconds,
            options.WarmupSeconds == 0 ? null : () => Load.RunAsync("warm-up", loops, warmup, Me)));
        foreach (var window in windows.Where(w => w.Load.Failures > 0))
        {
            database.Warnings.Add($"Round {round}, {window.Name}: {window.Load.Failures} failed requests ({string.Join(", ", window.Load.FailureKinds.Select(kv => $"{kv.Key} x{kv.Value}" + (bodies.TryGetValue(kv.Key, out var b) ? $" (first answer: {b})" : "")))}).");
        }

        var (_, exitCode) = await server.StopAsync();
        if (exitCode != 0)
        {
            database.Warnings.Add($"Round {round}: the server exited with code {exitCode} after SIGTERM.");
        }

        return new ListVisit(round, ready, firstMs, firstFailure, windows);
    }

    /// <summary>
    /// One loop, for at least <paramref name="minimum"/> and 60 requests, so that the list's code is past the JIT's first
    /// tier (methods are recompiled after 30 calls) before the request alone is timed; but no longer than 10 s, or the
    /// minimum if longer, when every request takes a second.
    /// </summary>
    private static async Task WarmUpAloneAsync(Func<int, Task<string?>> step, TimeSpan minimum)
    {
        var started = Stopwatch.GetTimestamp();
        var maximum = TimeSpan.FromSeconds(Math.Max(10, minimum.TotalSeconds));
        for (var sent = 0; Stopwatch.GetElapsedTime(started) < maximum && (sent < 60 || Stopwatch.GetElapsedTime(started) < minimum); sent++)
        {
            try
            {
                await step(0);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // A warm-up request may fail or time out like any other; the measured windows count those.
            }
        }
    }

    /// <summary>
    /// The warm-up (none when null), then a wait until the server is idle (requests the client gave up on may still be
    /// running in it), then the measured run with the CPU time of both processes and the load average around it.
    /// </summary>
    private static async Task<ListWindow> WindowAsync(BenchOptions options, ServerProcess server, string name, int[] loops, Func<int, Task<string?>> step, int seconds, Func<Task>? warmup)
    {
        if (warmup is not null)
        {
            await warmup();
        }

        var (waited, idle, idleCpu) = await server.WaitIdleAsync(IdleTimeout);
        if (!idle)
        {
            Log($"{name}: the server was still busy after {IdleTimeout.TotalSeconds:0} s; measuring anyway");
        }

        var loadStart = Report.LoadAverage();
        using var self = Process.GetCurrentProcess();
        var serverCpu = server.CpuTime;
        var benchCpu = self.TotalProcessorTime;
        var result = await Load.RunAsync(name, loops, TimeSpan.FromSeconds(seconds), step);
        var serverUsed = server.CpuTime - serverCpu;
        self.Refresh();
        var benchUsed = self.TotalProcessorTime - benchCpu;
        var loadEnd = Report.LoadAverage();

        // Per answered request: a request the client gave up on is not finished, but its CPU time so far is in the window.
        var answered = result.Answered;
        var window = new ListWindow(name, loops.Length, result,
            answered == 0 ? double.NaN : serverUsed.TotalMilliseconds / answered,
            answered == 0 ? double.NaN : benchUsed.TotalMilliseconds / answered,
            loadStart, loadEnd, waited, idleCpu);
        var timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds);
        var p50 = result.Percentile(50, timeout);
        Log($"{name}: {result.RequestsPerSecond:0.0}/s, p50 {(p50.AtLeast ? "≥ " : "")}{p50.Ms:0.0} ms, {result.Timeouts} timeouts, {result.Failures - result.Timeouts} errors; server CPU {window.ServerCpuMsPerRequest:0.00} ms/request; load {loadStart} → {loadEnd}");
        return window;
    }

    /// <summary>One page; null when it is a 200 with 20 leads, else what was wrong.</summary>
    private static async Task<string?> PageAsync(HttpClient client, Uri url, AuthenticationHeaderValue token, Dictionary<string, string> bodies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = token;
        using var response = await client.SendAsync(request); // buffers the body: the latency and the timeout cover the whole answer
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return Remember(bodies, $"HTTP {(int)response.StatusCode}", body);
        }

        int count;
        try
        {
            using var page = JsonDocument.Parse(body);
            count = page.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? items.GetArrayLength() : -1;
        }
        catch (JsonException)
        {
            return Remember(bodies, "200 without JSON", body);
        }

        return count == PageSize ? null : Remember(bodies, count < 0 ? "no items array" : $"{count} items", body);
    }

    private static async Task<string?> MeAsync(HttpClient client, Uri url, AuthenticationHeaderValue token, Dictionary<string, string> bodies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = token;
        using var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK ? null : Remember(bodies, $"HTTP {(int)response.StatusCode}", await response.Content.ReadAsByteArrayAsync());
    }

    private static string Remember(Dictionary<string, string> bodies, string kind, byte[] body)
    {
        lock (bodies)
        {
            bodies.TryAdd(kind, Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)));
        }

        return kind;
    }

    /// <summary>The figures a comparison shows, one measurement per window and visit (a comparison averages the rounds).</summary>
    private static List<Measurement> Measurements(ListDatabase database, IReadOnlyList<ListVisit> visits)
    {
        var timeout = TimeSpan.FromSeconds(database.Options.RequestTimeoutSeconds);
        var measurements = new List<Measurement>();
        foreach (var visit in visits)
        {
            foreach (var window in visit.Windows)
            {
                var load = window.Load;
                var p50 = load.Percentile(50, timeout);
                var p99 = load.Percentile(99, timeout);
                var alone = window.Loops == 1;
                var figures = new List<Figure> { Figure.Rate("requests", load.RequestsPerSecond), Figure.Ms("p50", p50.Ms, p50.AtLeast) };
                if (!alone)
                {
                    figures.Add(Figure.Ms("p99", p99.Ms, p99.AtLeast));
                }

                figures.Add(Figure.Ms("server CPU per request", window.ServerCpuMsPerRequest));
                figures.Add(Figure.Count("timeouts and errors", load.Failures));
                measurements.Add(new Measurement(window.Name, window.LoadStart, window.LoadEnd, figures));
            }

            measurements.Add(new Measurement("List, first request after the server started", null, null,
                [Figure.Ms("latency", visit.FirstFailure is null ? visit.FirstRequestMs : timeout.TotalMilliseconds, visit.FirstFailure is not null)]));
        }

        return measurements;
    }

    private static string Render(ListDatabase database, string description, DateTimeOffset startedAt, string? loadBefore, IReadOnlyList<ListVisit> visits)
    {
        var options = database.Options;
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds);

        Report.Header(
            md,
            options,
            "Lead list and GET /api/v1/me",
            description,
            startedAt,
            loadBefore,
            "Release publish, `ASPNETCORE_ENVIRONMENT=Production`, text logs, `Portico__RateLimits__Enabled=false`, access tokens valid 4 h; one tenant (vertical generic, EUR, DE) created by its registered Owner, with two lead custom fields",
            string.Create(CultureInfo.InvariantCulture, $"list: one loop alone (warm-up of at least {options.WarmupSeconds} s and 60 requests, at most {Math.Max(10, options.WarmupSeconds)} s; then {options.SequentialSeconds} s), then {options.Connections} closed loops ({options.DurationSeconds} s); `/me`: {options.Connections} closed loops ({options.WarmupSeconds} s warm-up + {options.DurationSeconds} s); every request with the Owner's token; a request not answered within {options.RequestTimeoutSeconds} s is a timeout; HTTP/1.1 keep-alive over loopback"));

        Line($"### Data: one tenant, {database.Leads:N0} leads");
        Line($"");
        Line($"| Measure | Value |");
        Line($"|---|--:|");
        Line($"| Leads in the table (the seed's and the one written through the API) | {database.Leads:N0} |");
        Line($"| Size | {database.Size} |");
        Line($"| Written in | {database.Seed.TotalSeconds:0.0} s ({(database.Leads - 1) / database.Seed.TotalSeconds:N0} rows/s) |");
        Line($"| Set-up: start on the empty database to ready (migrations included) | {database.MigratedAndReady.TotalSeconds:0.0} s |");
        Line($"");
        Line($"How: {database.How}. The leads are those of the crm scenario (see `bench/Portico.Bench/CrmSeed.cs`).");
        Line($"");
        Line($"### Requests: `GET /api/v1/tenants/{database.Tenant.Slug}/crm/leads?limit={PageSize}` (newest first, the default sort) and `GET /api/v1/me`");
        Line($"");
        Line($"| Round | Request | Loops | Successes | Timeouts | Errors | Req/s | p50 ms | p90 ms | p99 ms | Max ms | Server CPU ms/req | Bench CPU ms/req | Idle server CPU ms/s before | Load 1/5/15 min (start → end) |");
        Line($"|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (var visit in visits)
        {
            Line($"| {visit.Round} | First list request after the server started ({visit.Ready.TotalMilliseconds:0} ms after its start) | 1 | {(visit.FirstFailure is null ? 1 : 0)} | {(visit.FirstFailure is null ? 0 : 1)} | 0 | | {(visit.FirstFailure is null ? visit.FirstRequestMs.ToString("0.0", CultureInfo.InvariantCulture) : $"≥ {timeout.TotalMilliseconds:0}")} | | | | | | | |");
            foreach (var window in visit.Windows)
            {
                var l = window.Load;
                Line($"| {visit.Round} | {window.Name} | {window.Loops} | {l.Successes:N0} | {l.Timeouts} | {l.Failures - l.Timeouts} | {l.RequestsPerSecond:N1} | {P(l, 50)} | {P(l, 90)} | {P(l, 99)} | {(l.Timeouts > 0 ? $"≥ {timeout.TotalMilliseconds:0}" : l.LatencyMs.Max.ToString("0.0", CultureInfo.InvariantCulture))} | {Cpu(window.ServerCpuMsPerRequest)} | {Cpu(window.BenchCpuMsPerRequest)} | {window.IdleCpuMsPerSecond:0} | {window.LoadStart} → {window.LoadEnd} |");
            }
        }

        Line($"");
        Line($"A success is a 200 with {PageSize} leads (list) or a 200 (`/me`). **Req/s**: successes / time from the first request sent to the last answer (a request still running at the end of the window is waited for, up to the timeout). **p50…p99**: nearest-rank percentiles of the successes and timeouts together, a timeout counting as slower than any answer (\"≥ {options.RequestTimeoutSeconds * 1000}\": the percentile fell on a timeout). **Server CPU ms/req**: the server process's CPU time (user + system, from `/proc/<pid>/stat`) over the window divided by the requests it answered; PostgreSQL's own processes are not in it. Before each window the benchmark waits until the server is idle (under 100 ms of CPU in the last second), so requests given up on in one window do not count in the next; **idle server CPU ms/s** is what it used in that second (timers, queue polling), which is in the window too: at R requests a second it adds about idle / R ms to each request, so compare the CPU per request of slow windows with care. **Load**: `/proc/loadavg` when the window opened and closed.");
        if (database.Warnings.Count > 0)
        {
            Line($"");
            Line($"**Warnings:**");
            foreach (var warning in database.Warnings)
            {
                Line($"- {warning.Split('\n')[0]}");
            }
        }

        Line($"");
        return md.ToString();

        // Nothing answered (every request timed out): no CPU time per request to give.
        static string Cpu(double ms) => double.IsNaN(ms) ? "–" : ms.ToString("0.00", CultureInfo.InvariantCulture);

        string P(LoadResult load, double percent)
        {
            var (ms, atLeast) = load.Percentile(percent, timeout);
            return double.IsNaN(ms) ? "–" : (atLeast ? "≥ " : "") + ms.ToString("0.0", CultureInfo.InvariantCulture);
        }
    }

    private static void Log(string message) => Benchmark.Log(message);
}
