using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;

namespace Portico.Bench;

/// <summary>
/// The web console as people use it, in Debian's chromium driven by Playwright (SQLite, one tenant of <c>--leads</c>
/// leads seeded like the list scenario). Three figures:
/// <list type="number">
/// <item>the leads screen's first page: the wall time from starting a fresh page (HTML, scripts, circuit start, the
/// handler's query, the first render) to the first lead shown, and the server's CPU time per such first page;</item>
/// <item>the server's memory per connected console user: the managed heap after a full collection with <c>--connections</c>
/// circuits open on the leads board, minus before, divided by the circuits (and the same for resident memory);</item>
/// <item>board update latency: a lead created through the API, and the time until it is on every open board; p50 and
/// p99 over every circuit and every lead.</item>
/// </list>
/// </summary>
internal static class ConsoleBenchmark
{
    private const string Chromium = "/usr/bin/chromium";
    private const int FirstPages = 15;
    // Unmeasured first pages before: the server's tiered JIT recompiles hot Blazor and MudBlazor code in the
    // background during the first dozens of renders, and that CPU is not a page's cost.
    private const int WarmUpPages = 8;
    private const int BoardUpdates = 8;
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--renderer-process-limit=8"];

    public static async Task<ScenarioRun> RunAsync(BenchOptions options)
    {
        if (options.Provider != Provider.Sqlite)
        {
            throw new BenchException("The console scenario runs on SQLite (the default a laptop runs).");
        }

        if (!File.Exists(Chromium))
        {
            throw new BenchException($"{Chromium} is missing: apt-get install -y chromium.");
        }

        var startedAt = DateTimeOffset.UtcNow;
        await using IDatabaseFactory databases = new SqliteDatabases();
        var build = new Build(options.Label ?? "this build", options.Server);
        var database = await ListBenchmark.PrepareAsync(build, options, databases, 1);
        var log = new MeasurementLog();
        await using var server = ServerProcess.Start(options, database.Environment, database.Database.WorkingDirectory);
        var ready = await server.WaitReadyAsync(Benchmark.ReadyTimeout);
        Log($"console: server ready in {ready.TotalMilliseconds:0} ms on {database.Leads:N0} leads");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
        var board = $"/t/{database.Tenant.Slug}/crm/leads";
        var state = await SignInAsync(browser, server.BaseUri, database.Tenant.Email);

        // 1. First pages, one at a time, each in a fresh page (a new circuit), after unmeasured ones (JIT, caches).
        var firstPage = new List<double>();
        for (var i = 0; i < FirstPages + WarmUpPages; i++)
        {
            await server.WaitIdleAsync(TimeSpan.FromSeconds(30));
            var cpu = server.CpuTime;
            var (elapsed, page) = await OpenBoardAsync(browser, state, server.BaseUri, board);
            var cpuMs = (server.CpuTime - cpu).TotalMilliseconds;
            await page.Context.CloseAsync();
            if (i >= WarmUpPages)
            {
                firstPage.Add(elapsed);
                log.Add("first page", [Figure.Ms("wall", elapsed), Figure.Ms("server CPU", cpuMs)]);
            }
        }

        // 2. N circuits on the board, opened a few at a time.
        await server.WaitIdleAsync(TimeSpan.FromSeconds(30));
        var heapBefore = await server.ManagedHeapAfterFullCollectionAsync();
        var before = server.ResidentBytes;
        var pages = new List<IPage>();
        var contexts = new List<IBrowserContext>();
        var opening = Stopwatch.GetTimestamp();
        foreach (var chunk in Enumerable.Range(0, options.Connections).Chunk(10))
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { StorageState = state, BaseURL = server.BaseUri.ToString() });
            contexts.Add(context);
            pages.AddRange(await Task.WhenAll(chunk.Select(async _ =>
            {
                var page = await context.NewPageAsync();
                page.SetDefaultTimeout(120_000);
                await page.GotoAsync(board);
                await page.Locator("[data-test=board-card]").First.WaitForAsync();
                return page;
            })));
        }

        var opened = Stopwatch.GetElapsedTime(opening);
        await server.WaitIdleAsync(TimeSpan.FromSeconds(60));
        var after = server.ResidentBytes;
        var memory = new CircuitMemory(pages.Count, before, after, heapBefore, await server.ManagedHeapAfterFullCollectionAsync());
        Log($"console: {pages.Count} circuits open in {opened.TotalSeconds:0.0} s; managed heap {heapBefore / 1048576.0:0} → {memory.HeapAfter / 1048576.0:0} MiB ({memory.HeapPerCircuitKiB:0} KiB per circuit), resident {before / 1048576.0:0} → {after / 1048576.0:0} MiB");

        // 3. Board updates: each lead through the API, then the time until every board shows it.
        using var client = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", database.Tenant.Token);
        var latencies = new List<double>();
        var missed = 0;
        var firstColumn = int.Parse(await pages[0].Locator("[data-test=stage-count]").First.InnerTextAsync(), CultureInfo.InvariantCulture);
        for (var i = 0; i < BoardUpdates; i++)
        {
            var title = $"Live lead {i} {Guid.NewGuid():N}"[..24];
            var sent = Stopwatch.GetTimestamp();
            using (var response = await client.PostAsJsonAsync($"/api/v1/tenants/{database.Tenant.Slug}/crm/leads", new { title, contactName = "Bench Live", source = "api" }))
            {
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new BenchException($"Creating a lead answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }

            // Every open board announces the new lead (a toast names it for six seconds) and counts it in its first column
            // (for good): either shows that the board took the update, even when a busy browser polls past the toast.
            var expected = firstColumn + i + 1;
            var waits = await Task.WhenAll(pages.Select(async page =>
            {
                try
                {
                    await page.WaitForFunctionAsync(
                        "([title, count]) => document.body.innerText.includes(title) || parseInt(document.querySelector('[data-test=stage-count]')?.innerText ?? '0', 10) >= count",
                        new object[] { title, expected }, new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 500 });
                    return Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                }
                catch (TimeoutException)
                {
                    return double.NaN;
                }
            }));
            var seen = waits.Where(w => !double.IsNaN(w)).ToArray();
            missed += waits.Length - seen.Length;
            latencies.AddRange(seen);
            Log($"console: lead {i + 1}/{BoardUpdates} on {pages.Count} boards: seen on {seen.Length}, p50 {Percentile(seen, 50):0} ms, max {seen.DefaultIfEmpty(double.NaN).Max():0} ms");
            await Task.Delay(500);
        }

        log.Add($"{pages.Count} circuits", [
            new Figure("managed heap per circuit", memory.HeapPerCircuitKiB, "KiB", Better.Lower, "0"),
            new Figure("resident memory per circuit", memory.ResidentPerCircuitKiB, "KiB", Better.Lower, "0"),
            Figure.Ms("board update p50", Percentile(latencies, 50)),
            Figure.Ms("board update p99", Percentile(latencies, 99)),
            new Figure("board updates not seen within 120 s", missed, "", Better.Lower, "0"),
        ]);

        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        await server.StopAsync();
        return new ScenarioRun(Render(database, startedAt, ready, firstPage, log, memory, opened, latencies, missed), log.Measurements);
    }

    /// <summary>Signs the tenant's Owner in once through the sign-in page; every page after reuses the cookie.</summary>
    private static async Task<string> SignInAsync(IBrowser browser, Uri baseUri, string email)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUri.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        await page.GotoAsync("/sign-in?returnUrl=%2Fworkspaces");
        await page.Locator("input[data-test=email]").FillAsync(email);
        await page.Locator("input[data-test=password]").FillAsync(CrmBenchmark.Password);
        await page.Locator("[data-test=sign-in]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/workspaces", StringComparison.Ordinal));
        var state = await context.StorageStateAsync();
        await context.CloseAsync();
        return state;
    }

    private static async Task<(double ElapsedMs, IPage Page)> OpenBoardAsync(IBrowser browser, string state, Uri baseUri, string board)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { StorageState = state, BaseURL = baseUri.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var started = Stopwatch.GetTimestamp();
        await page.GotoAsync(board);
        await page.Locator("[data-test=board-card]").First.WaitForAsync();
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, page);
    }

    private static double Percentile(IEnumerable<double> values, int percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static string Render(
        ListDatabase database, DateTimeOffset startedAt, TimeSpan ready, List<double> firstPage, MeasurementLog log,
        CircuitMemory memory, TimeSpan opened, List<double> latencies, int missed)
    {
        var cpu = log.Measurements.Where(m => m.Name == "first page").Select(m => m.Figures[1].Value).ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {startedAt:yyyy-MM-dd HH:mm} UTC on SQLite, {database.Leads:N0} leads in the tenant ({database.Size}); server ready in {ready.TotalSeconds:0.0} s; load average at the end {Report.LoadAverage()}.");
        text.AppendLine();
        text.AppendLine("| figure | value |");
        text.AppendLine("| --- | --- |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| leads board, first page, fresh page to first card (wall, browser and server), median of {firstPage.Count} | {Percentile(firstPage, 50):0} ms (p90 {Percentile(firstPage, 90):0} ms) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| server CPU per first page (HTML, circuit start, workspace, board query, render), median | {Percentile(cpu, 50):0.0} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {memory.Circuits} circuits on the board: opened in | {opened.TotalSeconds:0.0} s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| server managed heap after a full collection, before → after | {memory.HeapBefore / 1048576.0:0.0} → {memory.HeapAfter / 1048576.0:0.0} MiB |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| managed heap per circuit | {memory.HeapPerCircuitKiB:0} KiB |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| server resident memory before → after (per circuit) | {memory.ResidentBefore / 1048576.0:0} → {memory.ResidentAfter / 1048576.0:0} MiB ({memory.ResidentPerCircuitKiB:0} KiB) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| board update (lead created through the API → shown on every board), p50 / p99 / max over {latencies.Count} | {Percentile(latencies, 50):0} / {Percentile(latencies, 99):0} / {latencies.DefaultIfEmpty(double.NaN).Max():0} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| board updates not seen within 120 s | {missed} of {latencies.Count + missed} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Chromium runs on the same 2 cores as the server and renders all {memory.Circuits} pages: the wall times include its work, so they are upper bounds of what the server needs.");
        return text.ToString();
    }

    private static void Log(string message) => Benchmark.Log(message);

    /// <summary>What the open circuits cost: the managed heap after a full collection (what the circuits hold) and the
    /// resident memory (what the machine gives the process, garbage and the GC's reserve included).</summary>
    private sealed record CircuitMemory(int Circuits, long ResidentBefore, long ResidentAfter, long HeapBefore, long HeapAfter)
    {
        public double HeapPerCircuitKiB => (HeapAfter - HeapBefore) / 1024.0 / Circuits;

        public double ResidentPerCircuitKiB => (ResidentAfter - ResidentBefore) / 1024.0 / Circuits;
    }
}
