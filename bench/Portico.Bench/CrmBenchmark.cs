using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portico.Bench;

/// <summary>A benchmark tenant: its slug and id, and its Owner (a registered user) with an access token.</summary>
internal sealed record CrmTenant(string Slug, Guid Id, Guid OwnerId, string Email, string Token);

/// <summary>One measured list request kind, with the CPU time the server and the benchmark spent per request.</summary>
internal sealed record CrmListRun(string Name, string Example, LoadResult Load, int Loops, double ServerCpuMsPerRequest, double BenchCpuMsPerRequest, string? LoadStart = null, string? LoadEnd = null);

/// <summary>The import of one CSV file: upload, then the run from <c>POST …/run</c> until the job says completed.</summary>
internal sealed record CrmImport(
    int Rows, long FileBytes, string Tenant, TimeSpan Upload, TimeSpan Run, TimeSpan? ServerRun, string Status,
    int Processed, int Created, int Updated, int Skipped, int Failed, string? FailureReason, IReadOnlyDictionary<string, string?> Mapping)
{
    public double RowsPerSecond => Processed / Run.TotalSeconds;
}

/// <summary>Everything the crm scenario measured.</summary>
internal sealed record CrmResults(
    int Tenants,
    int LeadsPerTenant,
    long LeadsInTable,
    string TableSize,
    TimeSpan Register,
    TimeSpan Seed,
    TimeSpan Analyze,
    IReadOnlyList<CrmListRun> Lists,
    IReadOnlyList<string> Matches,
    CrmImport? Import,
    string? ImportSkipped,
    TimeSpan CreateAdmin,
    TimeSpan Ready);

/// <summary>
/// CRM lead lists at scale, on PostgreSQL: T registered Owners each create a tenant (vertical generic) with two lead
/// custom fields (<c>budget</c>, a number, and <c>channel</c>, a select); N leads per tenant are inserted straight
/// into <c>crm.leads</c> as the owner role (<see cref="CrmSeed"/>); then C closed loops read, across the tenants and
/// each with its tenant's Owner token, a page of 50 leads searched by a name prefix, filtered on a standard and a
/// custom field and sorted newest first, the same page without the search, and its second page by cursor. Every
/// answer must be a 200 with 50 items. Last, a CSV of leads is uploaded, imported, and timed to completion.
/// </summary>
internal static partial class CrmBenchmark
{
    public const string Password = "portico bench owner password";

    /// <summary>The list filter besides the search: a standard field and a custom one, newest first, 50 a page.</summary>
    public const string Filter = "cf.budget%5Bgte%5D=5000&source=web_form&sort=-createdAt&limit=50";

    private const int PageSize = 50;
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ImportTimeout = TimeSpan.FromMinutes(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<ScenarioRun> RunAsync(BenchOptions options)
    {
        if (options.Provider != Provider.Postgres)
        {
            throw new BenchException("The crm scenario runs on PostgreSQL only (--provider postgres): it bulk-inserts with SQL.");
        }

        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = Report.LoadAverage();
        var warnings = new List<string>();
        CrmResults results;
        string database;
        // Rate limits off: T registrations and thousands of reads a second from one address are the point. Tokens
        // last the whole run (seeding and importing take minutes).
        var settings = new Dictionary<string, string?>
        {
            ["Portico__RateLimits__Enabled"] = "false",
            ["Portico__Auth__AccessTokenLifetime"] = "02:00:00",
        };
        await using (var platform = await Platform.StartAsync(options, "crm", options.Connections + 4, settings, vertical: null))
        {
            database = platform.DatabaseDescription;
            var postgres = (PostgresDatabases)platform.Databases;
            using var client = Load.CreateClient(options.Connections + 4, timeout: TimeSpan.FromSeconds(60));
            client.BaseAddress = platform.Server.BaseUri;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("portico-bench");

            // 1. Owners, tenants, custom fields, default pipelines: all through the API.
            var start = Stopwatch.GetTimestamp();
            var tenants = new List<CrmTenant>();
            var seeds = new List<CrmSeedTenant>();
            for (var n = 1; n <= options.Tenants; n++)
            {
                var (tenant, seed) = await CreateTenantAsync(client, platform.Database.WorkingDirectory, n);
                tenants.Add(tenant);
                seeds.Add(seed);
            }

            var register = Stopwatch.GetElapsedTime(start);
            Log($"{tenants.Count} owners registered (code from the mail pickup folder), each with a tenant, 2 lead custom fields and the default pipelines: {register.TotalSeconds:0.0} s");

            // 2. N leads per tenant, one INSERT … SELECT each, as the owner role; then fresh statistics.
            start = Stopwatch.GetTimestamp();
            foreach (var (tenant, seed) in tenants.Zip(seeds))
            {
                var one = Stopwatch.GetTimestamp();
                await postgres.ExecuteAsync(platform.Database, CrmSeed.Insert(seed, options.Leads));
                Log($"{tenant.Slug}: {options.Leads:N0} leads inserted in {Stopwatch.GetElapsedTime(one).TotalSeconds:0.0} s");
            }

            var seeded = Stopwatch.GetElapsedTime(start);
            start = Stopwatch.GetTimestamp();
            await postgres.ExecuteAsync(platform.Database, "ANALYZE crm.leads;");
            var analyze = Stopwatch.GetElapsedTime(start);
            var stats = (await postgres.ExecuteAsync(platform.Database, "SELECT count(*), pg_size_pretty(pg_total_relation_size('crm.leads')) FROM crm.leads;")).Trim().Split('|');
            var total = long.Parse(stats[0], CultureInfo.InvariantCulture);
            Log($"crm.leads: {total:N0} rows, {stats[1]} with indexes; inserted in {seeded.TotalSeconds:0.0} s, ANALYZE {analyze.TotalSeconds:0.0} s");

            // 3. Every query answers 50 leads in every tenant, and the searched ones have a second page.
            var api = new Api(client, tenants);
            var (cursors, matches) = await api.CheckAsync(warnings);

            // 4. The measured reads.
            var lists = new List<CrmListRun>();
            var prefixes = CrmSeed.SearchPrefixes;
            lists.Add(await MeasureAsync(options, platform.Server, "Searched, filtered, sorted: page 1",
                $"?q={prefixes[0]}&{Filter}",
                (loop, i) => api.PageAsync(tenants[(loop + i) % tenants.Count], $"q={Uri.EscapeDataString(prefixes[i % prefixes.Length])}&{Filter}")));
            lists.Add(await MeasureAsync(options, platform.Server, "Filtered, sorted (no search): page 1",
                $"?{Filter}",
                (loop, i) => api.PageAsync(tenants[(loop + i) % tenants.Count], Filter)));
            lists.Add(await MeasureAsync(options, platform.Server, "Searched, filtered, sorted: page 2 (cursor)",
                $"?q={prefixes[0]}&{Filter}&cursor=…",
                (loop, i) =>
                {
                    var (tenant, query) = cursors[(loop + i) % cursors.Count];
                    return api.PageAsync(tenant, query);
                }));
            foreach (var run in lists.Where(r => r.Load.Failures > 0))
            {
                warnings.Add($"{run.Name}: {run.Load.Failures} failed requests ({string.Join(", ", run.Load.FailureKinds.Select(kv => $"{kv.Key} x{kv.Value}"))}).");
            }

            // 5. Import.
            CrmImport? import = null;
            string? skipped = null;
            if (options.ImportRows == 0)
            {
                skipped = "skipped (--import-rows 0)";
            }
            else
            {
                (import, skipped) = await ImportAsync(client, tenants[0], options.ImportRows, platform.Database.WorkingDirectory);
                if (skipped is not null)
                {
                    warnings.Add($"Import not measured: {skipped}");
                }
                else if (import is { Status: not "completed" } || import?.Failed > 0)
                {
                    warnings.Add($"Import ended {import!.Status} with {import.Failed} failed rows{(import.FailureReason is null ? "" : $": {import.FailureReason}")}.");
                }
            }

            results = new CrmResults(
                tenants.Count, options.Leads, total, stats[1], register, seeded, analyze, lists, matches, import, skipped,
                platform.CreateAdmin, platform.Ready);
            await platform.StopAsync(warnings);
        }

        foreach (var warning in warnings)
        {
            await Console.Error.WriteLineAsync($"warning: {warning}");
        }

        var measurements = results.Lists.Select(run => new Measurement(run.Name, run.LoadStart, run.LoadEnd,
        [
            Figure.Rate("requests", run.Load.RequestsPerSecond), Figure.Ms("p50", run.Load.LatencyMs.Median), Figure.Ms("p99", run.Load.LatencyMs.P99),
            Figure.Ms("server CPU per request", run.ServerCpuMsPerRequest), Figure.Count("errors", run.Load.Failures),
        ])).ToList();
        if (results.Import is { } imported)
        {
            measurements.Add(new Measurement($"CSV import, {imported.Rows:N0} rows", null, null, [Figure.Rate("rows", imported.RowsPerSecond), Figure.Count("failed rows", imported.Failed)]));
        }

        return new ScenarioRun(CrmReport.Render(options, database, startedAt, results, warnings, loadBefore), measurements);
    }

    /// <summary>Registers owner n (the verification code comes from the mail pickup folder), who creates tenant crm-nn with the two custom fields.</summary>
    internal static async Task<(CrmTenant, CrmSeedTenant)> CreateTenantAsync(HttpClient client, string workingDirectory, int n)
    {
        var email = string.Create(CultureInfo.InvariantCulture, $"owner-{n:00}@crm-bench.portico.test");
        var slug = string.Create(CultureInfo.InvariantCulture, $"crm-{n:00}");
        using (var registered = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, fullName = $"CRM Owner {n:00}", locale = "en" }, Json))
        {
            await Platform.ExpectAsync(registered, HttpStatusCode.Accepted, "POST /api/v1/auth/register");
        }

        var code = await MailCodeAsync(Path.Combine(workingDirectory, "data", "mail"), email);
        string token;
        using (var verified = await client.PostAsJsonAsync("/api/v1/auth/verify-email", new { email, code }, Json))
        {
            await Platform.ExpectAsync(verified, HttpStatusCode.OK, "POST /api/v1/auth/verify-email");
            token = (await verified.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString()!;
        }

        var tenant = await SendAsync(client, token, HttpMethod.Post, "/api/v1/tenants",
            new { name = $"CRM bench {n:00}", slug, vertical = "generic", locale = "en", currency = "EUR", country = "DE", timeZone = "Europe/Berlin" }, HttpStatusCode.Created);
        var me = await SendAsync(client, token, HttpMethod.Get, "/api/v1/me", null, HttpStatusCode.OK);
        var crm = $"/api/v1/tenants/{slug}/crm";
        await SendAsync(client, token, HttpMethod.Post, $"{crm}/fields", new { recordType = "lead", key = "budget", label = "Budget", type = "number" }, HttpStatusCode.Created);
        await SendAsync(client, token, HttpMethod.Post, $"{crm}/fields", new { recordType = "lead", key = "channel", label = "Channel", type = "select", options = CrmSeed.Channels }, HttpStatusCode.Created);
        var pipelines = await SendAsync(client, token, HttpMethod.Get, $"{crm}/pipelines?recordType=lead", null, HttpStatusCode.OK);
        var pipeline = pipelines.GetProperty("items").EnumerateArray().FirstOrDefault(p => p.GetProperty("isDefault").GetBoolean());
        if (pipeline.ValueKind != JsonValueKind.Object)
        {
            throw new BenchException($"{slug} has no default lead pipeline: {pipelines}");
        }

        var stages = pipeline.GetProperty("stages").EnumerateArray()
            .Select(s => (Id: s.GetProperty("id").GetGuid(), Kind: s.GetProperty("kind").GetString(), Position: s.GetProperty("position").GetInt32()))
            .OrderBy(s => s.Position)
            .ToList();
        var open = stages.Where(s => s.Kind == "open").Select(s => s.Id).ToList();
        if (open.Count == 0 || !stages.Any(s => s.Kind == "won") || !stages.Any(s => s.Kind == "lost"))
        {
            throw new BenchException($"{slug}'s default lead pipeline lacks an open, a won or a lost stage: {pipeline}");
        }

        var owner = me.GetProperty("id").GetGuid();
        var id = tenant.GetProperty("id").GetGuid();
        return (new CrmTenant(slug, id, owner, email, token),
            new CrmSeedTenant(n, id, owner, pipeline.GetProperty("id").GetGuid(), open, stages.First(s => s.Kind == "won").Id, stages.First(s => s.Kind == "lost").Id));
    }

    /// <summary>The 6-digit code of the verification mail to <paramref name="email"/>, as the pickup folder sender wrote it.</summary>
    private static async Task<string> MailCodeAsync(string folder, string email)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(MailTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*.eml"))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (text.Contains(email, StringComparison.OrdinalIgnoreCase) && CodeInSubject().Match(text) is { Success: true } match)
                    {
                        return match.Groups[1].Value;
                    }
                }
            }

            await Task.Delay(100);
        }

        throw new BenchException($"No verification mail to {email} in {folder} after {MailTimeout.TotalSeconds:0} s.");
    }

    internal static async Task<JsonElement> SendAsync(HttpClient client, string token, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        using var response = await client.SendAsync(request);
        await Platform.ExpectAsync(response, expected, $"{method} {path}");
        return response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    /// <summary>Warm-up, then the measured run, with the server's and this process's CPU time per request.</summary>
    private static async Task<CrmListRun> MeasureAsync(BenchOptions options, ServerProcess server, string name, string example, Func<int, int, Task<string?>> step)
    {
        var loops = Enumerable.Range(0, options.Connections).Select(n => new Loop(n)).ToArray();
        Task<string?> Next(Loop loop) => step(loop.Number, loop.Iteration++);
        if (options.WarmupSeconds > 0)
        {
            await Load.RunAsync(name, loops, TimeSpan.FromSeconds(options.WarmupSeconds), Next);
        }

        using var self = Process.GetCurrentProcess();
        var loadStart = Report.LoadAverage();
        var serverCpu = server.CpuTime;
        var benchCpu = self.TotalProcessorTime;
        var result = await Load.RunAsync(name, loops, TimeSpan.FromSeconds(options.DurationSeconds), Next);
        self.Refresh();
        var requests = Math.Max(1, result.Successes + result.Failures);
        var run = new CrmListRun(name, example, result, loops.Length,
            (server.CpuTime - serverCpu).TotalMilliseconds / requests, (self.TotalProcessorTime - benchCpu).TotalMilliseconds / requests,
            loadStart, Report.LoadAverage());
        Log($"{name}, {loops.Length} loops: {result.RequestsPerSecond:0.0}/s, p50 {result.LatencyMs.Median:0.00} ms, p99 {result.LatencyMs.P99:0.00} ms, {result.Failures} errors; CPU per request: server {run.ServerCpuMsPerRequest:0.00} ms, bench {run.BenchCpuMsPerRequest:0.00} ms");
        return run;
    }

    /// <summary>
    /// Uploads a CSV of <paramref name="rows"/> leads to the tenant, maps the budget column to the custom field, runs
    /// the import and polls the job until it is completed or failed. Returns the reason instead when the API is missing.
    /// </summary>
    private static async Task<(CrmImport?, string?)> ImportAsync(HttpClient client, CrmTenant tenant, int rows, string workingDirectory)
    {
        var path = Path.Combine(workingDirectory, "leads.csv");
        var bytes = await CrmSeed.WriteCsvAsync(path, rows);
        var imports = $"/api/v1/tenants/{tenant.Slug}/crm/imports";
        Log($"import: {rows:N0} rows, {bytes / 1024.0 / 1024.0:0.0} MiB of CSV; uploading to {tenant.Slug}");

        var start = Stopwatch.GetTimestamp();
        JsonElement job;
        using (var request = new HttpRequestMessage(HttpMethod.Post, imports))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Token);
            var form = new MultipartFormDataContent();
            var file = new StreamContent(File.OpenRead(path));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", "leads.csv");
            form.Add(new StringContent("lead"), "recordType");
            request.Content = form;
            using var response = await client.SendAsync(request);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
            {
                return (null, $"POST {imports} answered {(int)response.StatusCode}: the server has no import API yet.");
            }

            await Platform.ExpectAsync(response, HttpStatusCode.Created, $"POST {imports}");
            job = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        }

        var upload = Stopwatch.GetElapsedTime(start);
        var id = job.GetProperty("id").GetGuid();
        var mapping = Mapping(job);
        Log($"uploaded in {upload.TotalSeconds:0.0} s; suggested mapping {string.Join(", ", mapping.Select(kv => $"{kv.Key} → {kv.Value ?? "(none)"}"))}");
        if (mapping.GetValueOrDefault("budget") != "cf.budget")
        {
            var wanted = new Dictionary<string, string?>(mapping) { ["budget"] = "cf.budget" };
            job = await SendAsync(client, tenant.Token, HttpMethod.Put, $"{imports}/{id}/mapping", new { mapping = wanted }, HttpStatusCode.OK);
            mapping = Mapping(job);
        }

        start = Stopwatch.GetTimestamp();
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"{imports}/{id}/run"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Token);
            request.Content = JsonContent.Create(new { }, options: Json);
            using var response = await client.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                await Platform.ExpectAsync(response, HttpStatusCode.Accepted, $"POST {imports}/{id}/run");
            }
        }

        var lastLog = 0.0;
        while (true)
        {
            await Task.Delay(250);
            job = await SendAsync(client, tenant.Token, HttpMethod.Get, $"{imports}/{id}", null, HttpStatusCode.OK);
            var status = job.GetProperty("status").GetString();
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (status is "completed" or "failed")
            {
                DateTimeOffset? Moment(string name) => job.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetDateTimeOffset() : null;
                var serverRun = Moment("finishedAt") - Moment("startedAt");
                var result = new CrmImport(
                    rows, bytes, tenant.Slug, upload, elapsed, serverRun, status, Int(job, "processedRows"), Int(job, "created"), Int(job, "updated"),
                    Int(job, "skipped"), Int(job, "failed"), job.TryGetProperty("failureReason", out var reason) ? reason.GetString() : null, mapping);
                Log($"import {status} in {elapsed.TotalSeconds:0.0} s: {result.RowsPerSecond:0} rows/s; created {result.Created}, updated {result.Updated}, skipped {result.Skipped}, failed {result.Failed}");
                return (result, null);
            }

            if (elapsed > ImportTimeout)
            {
                throw new BenchException($"The import was still {status} after {ImportTimeout.TotalMinutes:0} min ({Int(job, "processedRows")} rows processed).");
            }

            if (elapsed.TotalSeconds - lastLog >= 10)
            {
                lastLog = elapsed.TotalSeconds;
                Log($"import {status}: {Int(job, "processedRows"):N0} of {rows:N0} rows after {elapsed.TotalSeconds:0} s");
            }
        }
    }

    private static Dictionary<string, string?> Mapping(JsonElement job) =>
        job.TryGetProperty("mapping", out var mapping) && mapping.ValueKind == JsonValueKind.Object
            ? mapping.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null)
            : [];

    private static int Int(JsonElement job, string name) => job.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    private static void Log(string message) => Benchmark.Log(message);

    [GeneratedRegex(@"Subject: Your Portico verification code: (\d{6})")]
    private static partial Regex CodeInSubject();

    /// <summary>A closed loop's state: its number (which spreads loops over tenants) and how many requests it sent.</summary>
    private sealed class Loop(int number)
    {
        public int Number { get; } = number;

        public int Iteration { get; set; }
    }

    /// <summary>List pages as each tenant's Owner reads them; remembers the first answer of each failure kind.</summary>
    private sealed class Api(HttpClient client, IReadOnlyList<CrmTenant> tenants)
    {
        public ConcurrentDictionary<string, string> FirstBodies { get; } = new();

        /// <summary>One page; null when it is a 200 with 50 items, else what was wrong.</summary>
        public async Task<string?> PageAsync(CrmTenant tenant, string query)
        {
            var (count, _, failure) = await ReadAsync(tenant, query);
            return failure ?? (count == PageSize ? null : string.Create(CultureInfo.InvariantCulture, $"{count} items"));
        }

        /// <summary>
        /// For every tenant and search prefix, the first page must hold 50 leads and have a next page; returns the
        /// second-page queries (cursor included) and a line per prefix on how the answers looked.
        /// </summary>
        public async Task<(List<(CrmTenant Tenant, string Query)>, List<string>)> CheckAsync(List<string> warnings)
        {
            var cursors = new List<(CrmTenant, string)>();
            var lines = new List<string>();
            foreach (var prefix in CrmSeed.SearchPrefixes.Select(p => (string?)p).Append(null))
            {
                var incomplete = 0;
                var timings = new List<double>();
                foreach (var tenant in tenants)
                {
                    var query = prefix is null ? Filter : $"q={Uri.EscapeDataString(prefix)}&{Filter}";
                    var started = Stopwatch.GetTimestamp();
                    var (count, next, failure) = await ReadAsync(tenant, query);
                    timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (failure is not null || count < PageSize || next is null)
                    {
                        incomplete++;
                        warnings.Add($"{tenant.Slug}, q={prefix ?? "(none)"}: {failure ?? $"{count} items, {(next is null ? "no" : "a")} next page"}.");
                        continue;
                    }

                    if (prefix is not null)
                    {
                        var (second, _, secondFailure) = await ReadAsync(tenant, $"{query}&cursor={Uri.EscapeDataString(next)}");
                        if (secondFailure is null && second == PageSize)
                        {
                            cursors.Add((tenant, $"{query}&cursor={Uri.EscapeDataString(next)}"));
                        }
                        else
                        {
                            warnings.Add($"{tenant.Slug}, q={prefix}: the second page gave {secondFailure ?? $"{second} items"}.");
                        }
                    }
                }

                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"`q={prefix ?? "(none)"}`: {tenants.Count - incomplete} of {tenants.Count} tenants answered a full page with a next one; first request per tenant (cold) {Summary.Of(timings).Median:0} ms median, {Summary.Of(timings).Max:0} ms max"));
                Log(lines[^1]);
            }

            if (cursors.Count == 0)
            {
                throw new BenchException("No searched list had a second page: the data or the search do not work (see the warnings above).");
            }

            return (cursors, lines);
        }

        private async Task<(int Count, string? Next, string? Failure)> ReadAsync(CrmTenant tenant, string query)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tenants/{tenant.Slug}/crm/leads?{query}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Token);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var kind = $"HTTP {(int)response.StatusCode}";
                FirstBodies.TryAdd(kind, System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)));
                return (0, null, kind);
            }

            using var page = JsonDocument.Parse(body);
            var next = page.RootElement.TryGetProperty("nextCursor", out var cursor) && cursor.ValueKind == JsonValueKind.String ? cursor.GetString() : null;
            return (page.RootElement.GetProperty("items").GetArrayLength(), next, null);
        }
    }
}
