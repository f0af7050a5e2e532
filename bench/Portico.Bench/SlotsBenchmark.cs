using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Portico.Bench;

/// <summary>
/// Slot search at studio scale, on PostgreSQL: one tenant with 50 staff (each working Monday to Saturday 09:00–20:00
/// in Europe/Berlin with a lunch break), 10 chairs, one 60-minute service with a 10-minute buffer that needs a chair,
/// and 20 000 appointment blocks over the next 60 days inserted straight into <c>scheduling.appointment_blocks</c>
/// (half of them holding a chair). Measured: <c>GET …/scheduling/slots</c> for that service, "any staff", over 30 days,
/// one request at a time (latency per request) and from N closed loops (requests per second).
/// </summary>
internal static class SlotsBenchmark
{
    private const int Staff = 50;
    private const int Chairs = 10;
    private const int Blocks = 20_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<ScenarioRun> RunAsync(BenchOptions options)
    {
        if (options.Provider != Provider.Postgres)
        {
            throw new BenchException("The slots scenario runs on PostgreSQL only (--provider postgres): it bulk-inserts with SQL.");
        }

        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = Report.LoadAverage();
        var warnings = new List<string>();
        var settings = new Dictionary<string, string?> { ["Portico__RateLimits__Enabled"] = "false", ["Portico__Auth__AccessTokenLifetime"] = "02:00:00" };
        var lines = new StringBuilder();
        var measurements = new List<Measurement>();
        await using (var platform = await Platform.StartAsync(options, "slots", options.Connections + 4, settings, vertical: "studio"))
        {
            var postgres = (PostgresDatabases)platform.Databases;
            var client = platform.Client;
            var api = $"/api/v1/tenants/{platform.Tenant}/scheduling";

            // 1. Setup through the API: policy, chairs, staff with hours, the service.
            var start = Stopwatch.GetTimestamp();
            await SendAsync(client, HttpMethod.Put, $"{api}/settings", new { minimumNoticeMinutes = 0, slotStepMinutes = 15, horizonDays = 90 });
            var chairs = new List<string>();
            for (var i = 0; i < Chairs; i++)
            {
                chairs.Add((await SendAsync(client, HttpMethod.Post, $"{api}/resources", new { name = $"Chair {i + 1:00}", kind = "chair", capacity = 1, timeZone = "Europe/Berlin" })).GetProperty("id").GetString()!);
            }

            var days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday" };
            var staff = new List<string>();
            for (var i = 0; i < Staff; i++)
            {
                var id = (await SendAsync(client, HttpMethod.Post, $"{api}/staff", new { displayName = $"Stylist {i + 1:00}", timeZone = "Europe/Berlin" })).GetProperty("id").GetString()!;
                await SendAsync(client, HttpMethod.Put, $"{api}/staff/{id}/hours", new
                {
                    hours = days.Select(d => new { day = d, start = "09:00", end = "20:00" }).ToArray(),
                    breaks = days.Select(d => new { day = d, start = "13:00", end = "14:00" }).ToArray(),
                });
                staff.Add(id);
            }

            var service = (await SendAsync(client, HttpMethod.Post, $"/api/v1/tenants/{platform.Tenant}/catalog/services", new
            {
                name = new { en = "Haircut", ru = "Стрижка" }, price = new { kind = "fixed", amount = "30.00" }, durationMinutes = 60, bufferAfterMinutes = 10, resourceKind = "chair",
            })).GetProperty("id").GetString()!;
            var setup = Stopwatch.GetElapsedTime(start);
            Log($"setup through the API ({Staff} staff with hours, {Chairs} chairs, 1 service): {setup.TotalSeconds:0.0} s");

            // 2. 20 000 blocks: staff i % 50, day (i / 50) % 60 from tomorrow, hour 9 + (i / 50) / 60 (an hour each, so no two of one person overlap);
            // every fifth holds a chair, staff 0, 5, … 45 chairs 1 … 10, so no chair is held twice (the exclusion constraint refuses it).
            var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
            var tenantId = (await postgres.ExecuteAsync(platform.Database, "SELECT tenant_id FROM scheduling.staff LIMIT 1;")).Trim();
            start = Stopwatch.GetTimestamp();
            await postgres.ExecuteAsync(platform.Database, string.Create(CultureInfo.InvariantCulture, $"""
                INSERT INTO scheduling.appointment_blocks (id, tenant_id, appointment_id, staff_id, resource_id, resource_unit, blocked_from, blocked_until, active, created_at, updated_at, version)
                SELECT gen_random_uuid(), '{tenantId}', gen_random_uuid(), (ARRAY[{Uuids(staff)}])[(i % {Staff}) + 1],
                       CASE WHEN i % 5 = 0 THEN (ARRAY[{Uuids(chairs)}])[((i % {Staff}) / 5) + 1] END, CASE WHEN i % 5 = 0 THEN 0 END,
                       ((date '{tomorrow:yyyy-MM-dd}' + ((i / {Staff}) % 60)) + make_interval(hours => 9 + (i / {Staff}) / 60)) AT TIME ZONE 'Europe/Berlin',
                       ((date '{tomorrow:yyyy-MM-dd}' + ((i / {Staff}) % 60)) + make_interval(hours => 9 + (i / {Staff}) / 60, mins => 60)) AT TIME ZONE 'Europe/Berlin',
                       true, now(), now(), 0
                FROM generate_series(0, {Blocks - 1}) AS i;
                ANALYZE scheduling.appointment_blocks;
                """));
            var seeded = Stopwatch.GetElapsedTime(start);
            var count = (await postgres.ExecuteAsync(platform.Database, "SELECT count(*) FROM scheduling.appointment_blocks;")).Trim();
            Log($"{count} appointment blocks inserted and analysed in {seeded.TotalSeconds:0.0} s");

            var query = string.Create(CultureInfo.InvariantCulture, $"{api}/slots?serviceIds={service}&from={tomorrow:yyyy-MM-dd}&to={tomorrow.AddDays(29):yyyy-MM-dd}&timeZone=Europe/Berlin");
            using (var first = await client.GetAsync(query))
            {
                await Platform.ExpectAsync(first, HttpStatusCode.OK, "GET slots");
                var body = await first.Content.ReadAsByteArrayAsync();
                var answer = JsonDocument.Parse(body).RootElement;
                var slotCount = answer.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("slots").GetArrayLength());
                Log($"one answer: {answer.GetProperty("days").GetArrayLength()} days, {slotCount} slots, {body.Length / 1024.0:0.0} KiB");
                lines.AppendLine(CultureInfo.InvariantCulture, $"One answer: {answer.GetProperty("days").GetArrayLength()} days with {slotCount} slots ({body.Length / 1024.0:0.0} KiB of JSON).");
                lines.AppendLine();
            }

            async Task<string?> Step(int _)
            {
                using var response = await client.GetAsync(query, HttpCompletionOption.ResponseContentRead);
                return response.StatusCode == HttpStatusCode.OK ? null : $"status {(int)response.StatusCode}";
            }

            lines.AppendLine("| run | requests/s | p50 | p99 | server CPU per request | errors |");
            lines.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (name, loops, seconds) in new[] { ("1 connection", 1, options.SequentialSeconds), ($"{options.Connections} connections", options.Connections, options.DurationSeconds) })
            {
                var loopIds = Enumerable.Range(0, loops).ToArray();
                if (options.WarmupSeconds > 0)
                {
                    await Load.RunAsync(name, loopIds, TimeSpan.FromSeconds(options.WarmupSeconds), Step);
                }

                var cpu = platform.Server.CpuTime;
                var result = await Load.RunAsync(name, loopIds, TimeSpan.FromSeconds(seconds), Step);
                var cpuPerRequest = (platform.Server.CpuTime - cpu).TotalMilliseconds / Math.Max(1, result.Successes + result.Failures);
                Log($"slots, {name}: {result.RequestsPerSecond:0.0}/s, p50 {result.LatencyMs.Median:0.00} ms, p99 {result.LatencyMs.P99:0.00} ms, {result.Failures} errors, server CPU {cpuPerRequest:0.00} ms/request");
                lines.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {result.RequestsPerSecond:0.0} | {result.LatencyMs.Median:0.00} ms | {result.LatencyMs.P99:0.00} ms | {cpuPerRequest:0.00} ms | {result.Failures} |");
                measurements.Add(new Measurement($"Slot search, 30 days, any staff, {name}", null, null,
                    [Figure.Rate("requests", result.RequestsPerSecond), Figure.Ms("p50", result.LatencyMs.Median), Figure.Ms("p99", result.LatencyMs.P99),
                     Figure.Ms("server CPU per request", cpuPerRequest), Figure.Count("errors", result.Failures)]));
                if (result.Failures > 0)
                {
                    warnings.Add($"{name}: {result.Failures} failed requests ({string.Join(", ", result.FailureKinds.Select(kv => $"{kv.Key} x{kv.Value}"))}).");
                }
            }

            lines.Insert(0, string.Create(CultureInfo.InvariantCulture,
                $"## PostgreSQL ({platform.DatabaseDescription})\n\n{Staff} staff (Mon–Sat 09:00–20:00 Europe/Berlin, break 13:00–14:00), {Chairs} chairs, 1 service (60 min + 10 min buffer, needs a chair), {count} appointment blocks over 60 days (a fifth hold a chair), setup {setup.TotalSeconds:0.0} s, blocks inserted {seeded.TotalSeconds:0.0} s. Request: `GET {query.Replace(service, "{service}", StringComparison.Ordinal)}` (any staff: one slot per start). Load average before: {loadBefore}.\n\n"));
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

    private static string Uuids(IEnumerable<string> ids) => string.Join(",", ids.Select(id => $"'{id}'::uuid"));

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
