using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Portico.Bench;

/// <summary>
/// Booking throughput with conflicts, on PostgreSQL: one tenant with 10 staff working every day 08:00–20:00 in
/// Europe/Berlin, one chair pool (a resource of kind chair with capacity 5) and one 60-minute service that needs a
/// chair. N client loops (each attempt a new client: own email and phone) hammer the public booking route
/// <c>POST /api/v1/public/tenants/{slug}/booking/appointments</c> at 20 starts (2 days × 10 hours), each attempt a
/// random start with a random staff member or "anyone": at most 5 bookings fit one start (the chairs), so most
/// attempts must end in 409 (slot-not-offered, staff-busy, resource-busy). Runs until every start holds 5 bookings or
/// the attempts are spent; then SQL counts overlapping active blocks per staff member and per chair unit, chairs in use
/// beyond the pool's capacity, and active appointments against the 201s: all must be zero or equal.
/// </summary>
internal static class BookingsBenchmark
{
    private const int Staff = 10;
    private const int Chairs = 5;
    private const int Days = 2;
    private const int FirstHour = 9;
    private const int HoursPerDay = 10;
    private const string Zone = "Europe/Berlin";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Bookings one start can hold: one staff member and one chair each.</summary>
    private static int Capacity => Math.Min(Staff, Chairs);

    public static async Task<ScenarioRun> RunAsync(BenchOptions options)
    {
        if (options.Provider != Provider.Postgres)
        {
            throw new BenchException("The bookings scenario runs on PostgreSQL only (--provider postgres): it checks the result with SQL.");
        }

        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = Report.LoadAverage();
        var warnings = new List<string>();
        // The bench measures booking, not the limiters: the platform's per-address limits off, and the public booking
        // route's own per-address limit (10 bookings per minute per address and studio) off as well (0 = off).
        var settings = new Dictionary<string, string?>
        {
            ["Portico__RateLimits__Enabled"] = "false",
            ["Portico__Scheduling__Booking__BookingsPerMinute"] = "0",
            ["Portico__Auth__AccessTokenLifetime"] = "02:00:00",
        };
        var lines = new StringBuilder();
        var measurements = new List<Measurement>();
        await using (var platform = await Platform.StartAsync(options, "bookings", 8, settings, vertical: "studio"))
        {
            var postgres = (PostgresDatabases)platform.Databases;
            var admin = platform.Client;
            var api = $"/api/v1/tenants/{platform.Tenant}/scheduling";

            // 1. Setup through the API: policy, the chair pool, staff with hours every day, the service.
            var start = Stopwatch.GetTimestamp();
            await SendAsync(admin, HttpMethod.Put, $"{api}/settings", new { minimumNoticeMinutes = 0, slotStepMinutes = 15, horizonDays = 90 });
            var pool = (await SendAsync(admin, HttpMethod.Post, $"{api}/resources", new { name = "Chairs", kind = "chair", capacity = Chairs, timeZone = Zone })).GetProperty("id").GetString()!;
            var days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
            var staff = new List<string>();
            for (var i = 0; i < Staff; i++)
            {
                var id = (await SendAsync(admin, HttpMethod.Post, $"{api}/staff", new { displayName = $"Stylist {i + 1:00}", timeZone = Zone, bookable = true })).GetProperty("id").GetString()!;
                await SendAsync(admin, HttpMethod.Put, $"{api}/staff/{id}/hours", new
                {
                    hours = days.Select(d => new { day = d, start = "08:00", end = "20:00" }).ToArray(),
                    breaks = Array.Empty<object>(),
                });
                staff.Add(id);
            }

            var service = (await SendAsync(admin, HttpMethod.Post, $"/api/v1/tenants/{platform.Tenant}/catalog/services", new
            {
                name = new { en = "Haircut", ru = "Стрижка" }, price = new { kind = "fixed", amount = "30.00" }, durationMinutes = 60, resourceKind = "chair", onlineBookable = true,
            })).GetProperty("id").GetString()!;
            var setup = Stopwatch.GetElapsedTime(start);
            Log($"setup through the API ({Staff} staff with hours, a pool of {Chairs} chairs, 1 service): {setup.TotalSeconds:0.0} s");

            // 2. The targets: the measured starts (days 1 and 2 from tomorrow, Berlin) and, for the warm-up, day 5's.
            var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
            var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime).AddDays(1);
            var measured = Starts(zone, tomorrow, Days);
            var warm = Starts(zone, tomorrow.AddDays(5), 1);

            using var clients = Load.CreateClient(options.Connections, timeout: TimeSpan.FromSeconds(60));
            clients.BaseAddress = platform.Server.BaseUri;
            clients.DefaultRequestHeaders.UserAgent.ParseAdd("portico-bench");
            var path = $"/api/v1/public/tenants/{platform.Tenant}/booking/appointments";
            var serviceIds = new[] { service };
            var nextClient = 0;

            // 3. Warm-up (not reported): the same load on day 5's starts, for --warmup seconds or until they are full.
            var warmup = options.WarmupSeconds > 0
                ? await HammerAsync(clients, path, serviceIds, staff, warm, options.Connections, int.MaxValue, TimeSpan.FromSeconds(options.WarmupSeconds), () => Interlocked.Increment(ref nextClient))
                : null;
            if (warmup is not null)
            {
                Log($"warm-up: {warmup.Attempts} attempts, {warmup.Created} booked, {warmup.Errors} errors in {warmup.Elapsed.TotalSeconds:0.0} s");
            }

            // 4. The measured run.
            var loadStart = Report.LoadAverage();
            var cpu = platform.Server.CpuTime;
            var run = await HammerAsync(clients, path, serviceIds, staff, measured, options.Connections, options.Attempts, null, () => Interlocked.Increment(ref nextClient));
            var cpuPerAttempt = (platform.Server.CpuTime - cpu).TotalMilliseconds / Math.Max(1, run.Attempts);
            var loadEnd = Report.LoadAverage();
            Log($"bookings: {run.Attempts} attempts in {run.Elapsed.TotalSeconds:0.0} s ({run.AttemptsPerSecond:0.0}/s), {run.Created} booked ({run.BookingsPerSecond:0.0}/s), {run.Errors} errors, every start full: {run.AllFull}");

            // 5. Verification with SQL (as the owner role: every tenant's rows, no RLS in the way).
            var counts = await VerifyAsync(postgres, platform.Database);
            var expectedActive = run.Created + (warmup?.Created ?? 0);
            var staffOverlaps = counts["staff_overlaps"];
            var unitOverlaps = counts["unit_overlaps"];
            var poolOver = counts["pool_over_capacity"];
            var doubleBookings = staffOverlaps + unitOverlaps + poolOver;
            var distinctIds = run.Ids.Distinct().Count() + (warmup?.Ids.Distinct().Count() ?? 0);
            Log($"verification: staff overlaps {staffOverlaps}, chair unit overlaps {unitOverlaps}, pool over capacity {poolOver}, active appointments {counts["active_appointments"]} (201s: {expectedActive})");

            if (doubleBookings > 0)
            {
                warnings.Add($"DOUBLE BOOKINGS: {staffOverlaps} overlapping active block pairs of one staff member, {unitOverlaps} of one chair unit, {poolOver} blocks starting while the pool was over capacity.");
            }

            if (counts["active_appointments"] != expectedActive || distinctIds != expectedActive)
            {
                warnings.Add($"{counts["active_appointments"]} active appointments in the database, {distinctIds} distinct appointment ids answered, but {expectedActive} bookings answered 201 (warm-up included).");
            }

            if (counts["active_blocks"] != expectedActive || counts["blocks_without_chair"] > 0 || counts["units_out_of_range"] > 0)
            {
                warnings.Add($"{counts["active_blocks"]} active blocks for {expectedActive} one-service bookings; {counts["blocks_without_chair"]} without a chair; {counts["units_out_of_range"]} with a unit outside the pool.");
            }

            if (run.Errors > 0)
            {
                warnings.Add($"{run.Errors} attempts answered neither 201 nor 409 ({string.Join(", ", run.Other.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} x{kv.Value}"))}); first: {run.FirstError}");
            }

            if (warmup is { Errors: > 0 })
            {
                warnings.Add($"warm-up: {warmup.Errors} attempts answered neither 201 nor 409 ({string.Join(", ", warmup.Other.Select(kv => $"{kv.Key} x{kv.Value}"))}); first: {warmup.FirstError}");
            }

            if (!run.AllFull)
            {
                warnings.Add($"The {options.Attempts} attempts ended before every start was full ({run.Created} of {measured.Count * Capacity} bookings).");
            }

            // 6. The report.
            var maxBookings = measured.Count * Capacity;
            lines.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"## PostgreSQL ({platform.DatabaseDescription})\n\n{Staff} staff (every day 08:00–20:00 {Zone}), one pool of {Chairs} chairs (a chair resource of capacity {Chairs}), 1 service (60 min, no buffer, needs a chair); setup {setup.TotalSeconds:0.0} s. {options.Connections} client loops send `POST {path.Replace(platform.Tenant, "{slug}", StringComparison.Ordinal)}`, each attempt a new client (own name, email and phone, consent) at a random one of {measured.Count} starts ({Days} days × {HoursPerDay} hours from {FirstHour:00}:00 local) with a random staff member or anyone (half each), until every start holds {Capacity} bookings ({maxBookings} in all) or {options.Attempts} attempts are spent. Rate limits off for the run (`Portico__RateLimits__Enabled=false`, `Portico__Scheduling__Booking__BookingsPerMinute=0`): every attempt comes from 127.0.0.1, which the public route would otherwise hold to 10 bookings a minute. Warm-up: {(warmup is null ? "none" : $"{warmup.Attempts} attempts ({warmup.Created} booked) on other starts, not counted")}. Load average before: {loadBefore}; measured window from {loadStart} to {loadEnd}.\n"));
            lines.AppendLine("| attempts | attempts/s | booked (201) | bookings/s | 409 | other (errors) | p50 | p99 | p50 of 201 | p99 of 201 | server CPU per attempt | every start full |");
            lines.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            lines.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {run.Attempts} | {run.AttemptsPerSecond:0.0} | {run.Created} | {run.BookingsPerSecond:0.0} | {run.Conflicts.Values.Sum()} | {run.Errors} | {run.All.Median:0.0} ms | {run.All.P99:0.0} ms | {run.Booked.Median:0.0} ms | {run.Booked.P99:0.0} ms | {cpuPerAttempt:0.0} ms | {(run.AllFull ? "yes" : "no")} |"));
            lines.AppendLine();
            lines.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Answers: 201 x{run.Created}; {string.Join("; ", run.Conflicts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"409 {kv.Key} x{kv.Value}"))}{(run.Other.IsEmpty ? "; nothing else" : "; " + string.Join("; ", run.Other.Select(kv => $"{kv.Key} x{kv.Value}")))}. The window runs from the first attempt sent to the last answer ({run.Elapsed.TotalSeconds:0.00} s); bookings/s = 201s / window, so it falls as the starts fill up and attempts turn into 409s."));
            lines.AppendLine();
            lines.AppendLine("Checked afterwards with SQL on every active block and appointment (warm-up included):");
            lines.AppendLine();
            lines.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- **double bookings: {doubleBookings}** (overlapping active blocks of one staff member: {staffOverlaps}; of one chair unit: {unitOverlaps}; blocks starting while more than {Chairs} chairs of the pool were in use: {poolOver}; most chairs in use at once: {counts["max_chairs_in_use"]} of {Chairs})"));
            lines.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- active appointments: {counts["active_appointments"]}, answered 201: {expectedActive} ({run.Created} measured + {warmup?.Created ?? 0} warm-up), distinct appointment ids answered: {distinctIds}; active blocks: {counts["active_blocks"]}, without a chair: {counts["blocks_without_chair"]}, unit outside the pool: {counts["units_out_of_range"]}"));
            lines.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- measured starts holding {Capacity} bookings: {run.FullStarts} of {measured.Count}"));

            measurements.Add(new Measurement($"Public booking, {options.Connections} clients, {measured.Count} starts", loadStart, loadEnd,
                [Figure.Rate("attempts", run.AttemptsPerSecond), Figure.Rate("bookings", run.BookingsPerSecond), Figure.Ms("p50", run.All.Median), Figure.Ms("p99", run.All.P99),
                 Figure.Ms("server CPU per attempt", cpuPerAttempt), Figure.Count("errors", run.Errors), Figure.Count("double bookings", doubleBookings)]));
            await platform.StopAsync(warnings);
        }

        foreach (var warning in warnings)
        {
            lines.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Warning: {warning}");
            await Console.Error.WriteLineAsync($"warning: {warning}");
        }

        lines.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Started {startedAt:yyyy-MM-dd HH:mm} UTC.");
        return new ScenarioRun(lines.ToString(), measurements);
    }

    /// <summary>The starts of <paramref name="days"/> days from <paramref name="first"/>: every hour from 09:00 local, as UTC.</summary>
    private static List<DateTimeOffset> Starts(TimeZoneInfo zone, DateOnly first, int days)
    {
        var starts = new List<DateTimeOffset>();
        for (var d = 0; d < days; d++)
        {
            for (var h = 0; h < HoursPerDay; h++)
            {
                var local = first.AddDays(d).ToDateTime(new TimeOnly(FirstHour + h, 0));
                starts.Add(new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime());
            }
        }

        return starts;
    }

    private sealed class Outcome
    {
        public int Attempts;
        public int Created;
        public TimeSpan Elapsed;
        public bool AllFull;
        public int FullStarts;
        public string? FirstError;
        public Summary All = Summary.Of([]);
        public Summary Booked = Summary.Of([]);
        public ConcurrentBag<string> Ids { get; } = [];
        public ConcurrentDictionary<string, int> Conflicts { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<string, int> Other { get; } = new(StringComparer.Ordinal);

        public int Errors => Other.Values.Sum();

        public double AttemptsPerSecond => Attempts / Elapsed.TotalSeconds;

        public double BookingsPerSecond => Created / Elapsed.TotalSeconds;
    }

    /// <summary>
    /// <paramref name="loops"/> closed loops booking random targets until every start holds <see cref="Capacity"/>
    /// bookings, <paramref name="attempts"/> are spent or <paramref name="duration"/> is over.
    /// </summary>
    private static async Task<Outcome> HammerAsync(
        HttpClient client, string path, string[] serviceIds, IReadOnlyList<string> staff, IReadOnlyList<DateTimeOffset> starts, int loops, int attempts, TimeSpan? duration, Func<int> nextClient)
    {
        var outcome = new Outcome();
        var booked = new int[starts.Count];
        var started = 0;
        var latencies = new ConcurrentBag<double>();
        var bookedLatencies = new ConcurrentBag<double>();
        var begin = Stopwatch.GetTimestamp();
        var deadline = duration is { } d ? begin + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;

        bool Full() => booked.All(b => b >= Capacity);

        async Task Loop()
        {
            while (Stopwatch.GetTimestamp() < deadline && !Full() && Interlocked.Increment(ref started) <= attempts)
            {
                var target = Random.Shared.Next(starts.Count);
                var staffId = Random.Shared.Next(2) == 0 ? null : staff[Random.Shared.Next(staff.Count)];
                var n = nextClient();
                var body = new
                {
                    serviceIds, staffId, start = starts[target].UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    name = $"Bench Client {n}", phone = string.Create(CultureInfo.InvariantCulture, $"+4915{n:000000000}"), email = $"client{n}@bench.test",
                    consent = true, timeZone = Zone, locale = "en",
                };
                var sent = Stopwatch.GetTimestamp();
                string? other = null;
                try
                {
                    using var response = await client.PostAsJsonAsync(path, body, Json);
                    var text = await response.Content.ReadAsStringAsync();
                    var ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                    latencies.Add(ms);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        bookedLatencies.Add(ms);
                        Interlocked.Increment(ref outcome.Created);
                        Interlocked.Increment(ref booked[target]);
                        outcome.Ids.Add(JsonDocument.Parse(text).RootElement.GetProperty("appointment").GetProperty("id").GetString()!);
                    }
                    else if (response.StatusCode == HttpStatusCode.Conflict)
                    {
                        outcome.Conflicts.AddOrUpdate(CodeOf(text), 1, (_, c) => c + 1);
                    }
                    else
                    {
                        other = $"HTTP {(int)response.StatusCode} {CodeOf(text)}";
                        Interlocked.CompareExchange(ref outcome.FirstError, $"{other}: {(text.Length > 400 ? text[..400] + "..." : text)}", null);
                    }
                }
                catch (HttpRequestException ex)
                {
                    other = ex.HttpRequestError.ToString();
                }
                catch (TaskCanceledException)
                {
                    other = "timeout";
                }

                if (other is not null)
                {
                    outcome.Other.AddOrUpdate(other, 1, (_, c) => c + 1);
                    Interlocked.CompareExchange(ref outcome.FirstError, other, null);
                }

                Interlocked.Increment(ref outcome.Attempts);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, loops).Select(_ => Task.Run(Loop)));
        outcome.Elapsed = Stopwatch.GetElapsedTime(begin);
        outcome.AllFull = Full();
        outcome.FullStarts = booked.Count(b => b >= Capacity);
        outcome.All = Summary.Of(latencies);
        outcome.Booked = Summary.Of(bookedLatencies);
        return outcome;
    }

    /// <summary>The problem's code: the last segment of its type URI (…/problems/staff-busy), or "?".</summary>
    private static string CodeOf(string problem)
    {
        try
        {
            using var document = JsonDocument.Parse(problem);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (document.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
                {
                    return code.GetString()!;
                }

                if (document.RootElement.TryGetProperty("type", out var type) && type.GetString() is { } uri)
                {
                    return uri[(uri.LastIndexOf('/') + 1)..];
                }
            }
        }
        catch (JsonException)
        {
        }

        return "?";
    }

    /// <summary>Counts over every active block and appointment of the database (one tenant: the benchmark's).</summary>
    private static async Task<Dictionary<string, long>> VerifyAsync(PostgresDatabases postgres, DatabaseTarget database)
    {
        const string Sql = """
            SELECT 'staff_overlaps', count(*) FROM scheduling.appointment_blocks a JOIN scheduling.appointment_blocks b
              ON a.tenant_id = b.tenant_id AND a.staff_id = b.staff_id AND a.id < b.id
             AND a.blocked_from < b.blocked_until AND b.blocked_from < a.blocked_until
             WHERE a.active AND b.active;
            SELECT 'unit_overlaps', count(*) FROM scheduling.appointment_blocks a JOIN scheduling.appointment_blocks b
              ON a.resource_id = b.resource_id AND a.resource_unit = b.resource_unit AND a.id < b.id
             AND a.blocked_from < b.blocked_until AND b.blocked_from < a.blocked_until
             WHERE a.active AND b.active;
            WITH in_use AS (
              SELECT a.id, r.capacity, (SELECT count(*) FROM scheduling.appointment_blocks b
                 WHERE b.active AND b.resource_id = a.resource_id AND b.blocked_from <= a.blocked_from AND b.blocked_until > a.blocked_from) AS n
              FROM scheduling.appointment_blocks a JOIN scheduling.resources r ON r.id = a.resource_id WHERE a.active)
            SELECT 'pool_over_capacity', count(*) FILTER (WHERE n > capacity) FROM in_use
            UNION ALL SELECT 'max_chairs_in_use', coalesce(max(n), 0) FROM in_use;
            SELECT 'units_out_of_range', count(*) FROM scheduling.appointment_blocks a JOIN scheduling.resources r ON r.id = a.resource_id
             WHERE a.active AND (a.resource_unit < 0 OR a.resource_unit >= r.capacity);
            SELECT 'blocks_without_chair', count(*) FROM scheduling.appointment_blocks WHERE active AND resource_id IS NULL;
            SELECT 'active_blocks', count(*) FROM scheduling.appointment_blocks WHERE active;
            SELECT 'active_appointments', count(*) FROM scheduling.appointments WHERE status IN ('booked', 'confirmed');
            """;
        var output = await postgres.ExecuteAsync(database, Sql);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|');
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                counts[parts[0]] = value;
            }
        }

        foreach (var key in (string[])["staff_overlaps", "unit_overlaps", "pool_over_capacity", "max_chairs_in_use", "units_out_of_range", "blocks_without_chair", "active_blocks", "active_appointments"])
        {
            if (!counts.ContainsKey(key))
            {
                throw new BenchException($"The verification SQL gave no '{key}': {output}");
            }
        }

        return counts;
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        using var response = await client.SendAsync(request);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            throw new BenchException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
