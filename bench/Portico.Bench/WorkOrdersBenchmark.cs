using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Portico.Bench;

/// <summary>
/// Work orders at workshop scale, on PostgreSQL: one workshop tenant with --mechanics Mechanic members, --orders work
/// orders (every status of the flow; 40 % workable: approved, scheduled, in progress, waiting for parts) each with
/// --stages-per-order stages (done, in progress or pending as the order's status says; one in twenty assigned to another
/// mechanic directly) and ~10 timeline entries for --timeline-orders of them, inserted straight into the
/// <c>workorders</c> tables with <c>INSERT … SELECT FROM generate_series</c> as the owner role (the rows carry the
/// tenant's id, so the application role sees them through row-level security). Measured, one request at a time and
/// from N closed loops: a random mechanic's queue (<c>GET …/workshop/mechanics/{userId}/queue</c>; a 404 there means
/// the route is not in this build and is reported as "route missing") and a random order's timeline
/// (<c>GET …/workshop/work-orders/{id}/timeline</c>). Then N clients reserve one unit of one hot item each through
/// <c>POST …/inventory/movements</c> until its --hot-stock units are gone: reservations per second, and the item, its
/// stock row and its reservations must show exactly the stock reserved, nothing oversold, available never below 0.
/// </summary>
internal static class WorkOrdersBenchmark
{
    private const int Page = 50;
    private const string Checklist = "'[{\"text\":\"Проверить\",\"done\":false}]'";
    private const string StatusData = "'{\"from\":\"approved\",\"to\":\"in_progress\"}'";
    private const int TimelineEntries = 10;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The status of order i (0-based) by i % 20: 40 % workable, 40 % closed, the rest before approval or ready.</summary>
    private const string Statuses = "ARRAY['draft','estimate_sent','approved','approved','scheduled','scheduled','in_progress','in_progress','in_progress','waiting_for_parts',"
        + "'ready','delivered','delivered','delivered','delivered','delivered','delivered','delivered','cancelled','cancelled']";

    public static async Task<ScenarioRun> RunAsync(BenchOptions options)
    {
        if (options.Provider != Provider.Postgres)
        {
            throw new BenchException("The workorders scenario runs on PostgreSQL only (--provider postgres): it bulk-inserts with SQL.");
        }

        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = Report.LoadAverage();
        var warnings = new List<string>();
        var settings = new Dictionary<string, string?> { ["Portico__RateLimits__Enabled"] = "false", ["Portico__Auth__AccessTokenLifetime"] = "02:00:00" };
        var lines = new StringBuilder();
        var measurements = new List<Measurement>();
        await using (var platform = await Platform.StartAsync(options, "workorders", options.Connections + 4, settings, vertical: "workshop"))
        {
            var postgres = (PostgresDatabases)platform.Databases;
            var client = platform.Client;
            var api = $"/api/v1/tenants/{platform.Tenant}";

            // 1. Bulk seed with SQL.
            var tenantId = (await postgres.ExecuteAsync(platform.Database, $"SELECT id FROM tenancy.tenants WHERE slug = '{platform.Tenant}';")).Trim();
            if (!Guid.TryParse(tenantId, out _))
            {
                throw new BenchException($"No tenant id for {platform.Tenant}: '{tenantId}'.");
            }

            var mechanics = Enumerable.Range(0, options.Mechanics).Select(_ => Guid.NewGuid()).ToList();
            var seed = await SeedAsync(postgres, platform.Database, tenantId, mechanics, options);
            var counts = await postgres.ExecuteAsync(platform.Database, """
                SELECT 'orders', count(*) FROM workorders.work_orders;
                SELECT 'stages', count(*) FROM workorders.work_order_stages;
                SELECT 'entries', count(*) FROM workorders.work_order_entries;
                SELECT 'open_stages', count(*) FROM workorders.work_order_stages s JOIN workorders.work_orders o ON o.id = s.order_id
                 WHERE s.status IN ('pending', 'in_progress') AND o.status IN ('approved', 'scheduled', 'in_progress', 'waiting_for_parts');
                """);
            var count = Parse(counts);
            Log($"seeded {count["orders"]} orders, {count["stages"]} stages ({count["open_stages"]} open in workable orders), {count["entries"]} timeline entries: {seed}");

            var timelineIds = (await postgres.ExecuteAsync(platform.Database, string.Create(CultureInfo.InvariantCulture,
                    $"SELECT id FROM workorders.work_orders WHERE number <= {Math.Max(1, options.TimelineOrders)} ORDER BY random() LIMIT 2000;")))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToArray();

            lines.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"## PostgreSQL ({platform.DatabaseDescription})\n\nOne workshop tenant: {options.Mechanics} Mechanic members, {count["orders"]:N0} work orders (by number: 40 % workable — approved, scheduled, in progress, waiting for parts —, 40 % delivered or cancelled, the rest draft, estimate sent or ready), {count["stages"]:N0} stages ({options.StagesPerOrder} per order; {count["open_stages"]:N0} pending or in progress in workable orders, about {count["open_stages"] / Math.Max(1, options.Mechanics):N0} per mechanic), {count["entries"]:N0} timeline entries ({TimelineEntries} for each of the first {options.TimelineOrders:N0} orders), inserted with `INSERT … SELECT FROM generate_series` as the owner role and analysed: {seed}. Load average before: {loadBefore}.\n"));

            // 2. Reads: the mechanic queue and the timeline, one at a time and from N loops.
            lines.AppendLine("| request | run | requests/s | p50 | p99 | server CPU per request | errors |");
            lines.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
            var queuePath = $"{api}/workshop/mechanics/{{0}}/queue?limit={Page}";
            var queueMissing = await ProbeQueueAsync(client, string.Format(CultureInfo.InvariantCulture, queuePath, mechanics[0]));
            if (queueMissing is not null)
            {
                Log($"mechanic queue: {queueMissing}");
                lines.AppendLine(CultureInfo.InvariantCulture, $"| `GET …/workshop/mechanics/{{userId}}/queue?limit={Page}` | — | {(queueMissing.StartsWith("route missing", StringComparison.Ordinal) ? "route missing" : "refused")} | — | — | — | — |");
                warnings.Add($"The mechanic queue was not measured: {queueMissing}.");
            }
            else
            {
                await MeasureAsync(platform, options, $"GET …/workshop/mechanics/{{userId}}/queue?limit={Page}", "Mechanic queue",
                    n => string.Format(CultureInfo.InvariantCulture, queuePath, mechanics[Random.Shared.Next(mechanics.Count)]), lines, measurements, warnings);
            }

            if (timelineIds.Length == 0)
            {
                warnings.Add("No order to read a timeline of.");
            }
            else
            {
                await MeasureAsync(platform, options, $"GET …/workshop/work-orders/{{id}}/timeline?limit={Page}", "Order timeline",
                    _ => $"{api}/workshop/work-orders/{timelineIds[Random.Shared.Next(timelineIds.Length)]}/timeline?limit={Page}", lines, measurements, warnings);
            }

            lines.AppendLine();
            lines.AppendLine("The mechanic is drawn at random from the members for every request (one page of their open stages in workable orders); the order of a timeline read from the orders that have entries (newest first, one page).");
            lines.AppendLine();

            // 3. Reservations of one hot item by N clients until the stock is gone.
            await ReserveHotItemAsync(platform, postgres, options, api, lines, measurements, warnings);
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

    /// <summary>Memberships, orders, stages and timeline entries; returns how long each step took.</summary>
    private static async Task<string> SeedAsync(PostgresDatabases postgres, DatabaseTarget database, string tenant, IReadOnlyList<Guid> mechanics, BenchOptions options)
    {
        var ids = $"ARRAY[{string.Join(",", mechanics.Select(m => $"'{m}'::uuid"))}]";
        var m = mechanics.Count;
        var s = options.StagesPerOrder;
        var steps = new List<string>();

        async Task Step(string name, string sql)
        {
            var start = Stopwatch.GetTimestamp();
            await postgres.ExecuteAsync(database, sql);
            var elapsed = Stopwatch.GetElapsedTime(start);
            Log($"{name}: {elapsed.TotalSeconds:0.0} s");
            steps.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {elapsed.TotalSeconds:0.0} s"));
        }

        await Step("memberships", $"""
            INSERT INTO tenancy.memberships (id, tenant_id, user_id, role, created_at, updated_at, version)
            SELECT gen_random_uuid(), '{tenant}', u, 'Mechanic', now(), now(), 0 FROM unnest({ids}) AS u;
            """);

        // Orders: number i + 1, the status by i % 20, a mechanic by i % M, 20 000 clients and 30 000 cars (ids only:
        // the CRM is another module, no foreign key), dates before now; in-progress and waiting orders have done the
        // first (i / 20) % S stages, ready and delivered all.
        await Step("orders", string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO workorders.work_orders (id, tenant_id, number, status, contact_id, contact_name, contact_phone, vehicle_id, vehicle_label, odometer,
                complaint, currency, mechanic_id, scheduled_at, promised_at, status_changed_at, estimate_sent_at, approved_at, approved_by, started_at, ready_at,
                delivered_at, cancelled_at, labour_minor, parts_minor, discount_minor, vat_minor, total_minor, stage_count, stages_done, created_at, updated_at, version)
            SELECT gen_random_uuid(), '{tenant}', i + 1, status,
                   md5('contact' || (i % 20000))::uuid, 'Клиент ' || (i % 20000), '+7900' || lpad((i % 20000)::text, 7, '0'),
                   md5('vehicle' || (i % 30000))::uuid, 'Lada Vesta (2020) · А' || lpad((i % 1000)::text, 3, '0') || 'ВС77', 10000 + i,
                   'Плановое ТО', 'RUB', ({ids})[(i % {m}) + 1],
                   CASE WHEN status IN ('scheduled', 'in_progress', 'waiting_for_parts', 'ready', 'delivered') THEN created + interval '1 day' + make_interval(hours => i % 9) END,
                   created + interval '2 days', created + interval '1 day',
                   CASE WHEN status <> 'draft' THEN created + interval '1 hour' END,
                   CASE WHEN status NOT IN ('draft', 'estimate_sent', 'cancelled') THEN created + interval '2 hours' END,
                   CASE WHEN status NOT IN ('draft', 'estimate_sent', 'cancelled') THEN 'staff' END,
                   CASE WHEN status IN ('in_progress', 'waiting_for_parts', 'ready', 'delivered') THEN created + interval '1 day' END,
                   CASE WHEN status IN ('ready', 'delivered') THEN created + interval '30 hours' END,
                   CASE WHEN status = 'delivered' THEN created + interval '32 hours' END,
                   CASE WHEN status = 'cancelled' THEN created + interval '3 hours' END,
                   300000, 150000, 0, 90000, 540000, {s},
                   CASE WHEN status IN ('ready', 'delivered') THEN {s} WHEN status IN ('in_progress', 'waiting_for_parts') THEN (i / 20) % {s} ELSE 0 END,
                   created, created, 0
            FROM (SELECT i, ({Statuses})[(i % 20) + 1] AS status, now() - make_interval(mins => {options.Orders} - i) AS created
                  FROM generate_series(0, {options.Orders - 1}) AS i) AS o;
            """));

        // Stages: S per order; done before the order's stages_done, the next one in progress in an order in progress,
        // the rest pending; one in twenty assigned directly to the next mechanic.
        await Step("stages", string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO workorders.work_order_stages (id, tenant_id, order_id, position, name_en, name_ru, expected_minutes, required_skill, checklist, photo_required,
                status, mechanic_id, mechanic_assigned_directly, started_at, completed_at, actual_minutes, photo_count, comment_count, created_at, updated_at, version)
            SELECT gen_random_uuid(), o.tenant_id, o.id, p, 'Stage ' || (p + 1), 'Этап ' || (p + 1), 30, NULL,
                   {Checklist}, p % 3 = 1,
                   CASE WHEN p < o.stages_done THEN 'done' WHEN p = o.stages_done AND o.status = 'in_progress' THEN 'in_progress' ELSE 'pending' END,
                   CASE WHEN (o.number + p) % 20 = 0 THEN ({ids})[((o.number + p) % {m}) + 1] ELSE o.mechanic_id END, (o.number + p) % 20 = 0,
                   CASE WHEN p <= o.stages_done AND o.started_at IS NOT NULL THEN o.started_at + make_interval(mins => p * 30) END,
                   CASE WHEN p < o.stages_done THEN o.started_at + make_interval(mins => p * 30 + 25) END,
                   CASE WHEN p < o.stages_done THEN 25 END, 0, 0, o.created_at, o.created_at, 0
            FROM workorders.work_orders o CROSS JOIN generate_series(0, {s - 1}) AS p;
            """));

        // Since e3ec7e1 stages carry their queue columns (kept by the app on every save); a build without them skips this.
        await Step("queue-columns", """
            DO $$ BEGIN
              IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'workorders' AND table_name = 'work_order_stages' AND column_name = 'in_queue') THEN
                UPDATE workorders.work_order_stages s
                   SET in_queue = s.status IN ('pending', 'in_progress') AND o.status IN ('approved', 'scheduled', 'in_progress', 'waiting_for_parts'),
                       queue_key = COALESCE((extract(epoch FROM o.scheduled_at) * 1000)::bigint, 9223372036854775807),
                       order_number = o.number
                  FROM workorders.work_orders o
                 WHERE o.id = s.order_id;
              END IF;
            END $$;
            """);

        if (options.TimelineOrders > 0)
        {
            await Step("timeline", string.Create(CultureInfo.InvariantCulture, $"""
                INSERT INTO workorders.work_order_entries (id, tenant_id, order_id, stage_id, kind, actor, actor_name, text, data, shared, created_at, updated_at, version)
                SELECT gen_random_uuid(), o.tenant_id, o.id, NULL,
                       (ARRAY['created','status_changed','part_reserved','status_changed','stage_started','checklist_ticked','stage_completed','comment','stage_started','status_changed'])[k + 1],
                       'user:bench', 'Иван Петров', CASE WHEN k = 7 THEN 'Колодки изношены, диски в норме.' END,
                       CASE WHEN k IN (1, 3, 9) THEN {StatusData} END, k % 2 = 0,
                       o.created_at + make_interval(mins => k * 10), o.created_at + make_interval(mins => k * 10), 0
                FROM workorders.work_orders o CROSS JOIN generate_series(0, {TimelineEntries - 1}) AS k
                WHERE o.number <= {options.TimelineOrders};
                """));
        }

        await Step("analyze", "ANALYZE workorders.work_orders; ANALYZE workorders.work_order_stages; ANALYZE workorders.work_order_entries; ANALYZE tenancy.memberships;");
        return string.Join(", ", steps);
    }

    /// <summary>Null when the queue route answers 200; otherwise what it answered ("route missing: 404", say).</summary>
    private static async Task<string?> ProbeQueueAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync();
        body = body.Length > 200 ? body[..200] + "…" : body;
        return response.StatusCode == HttpStatusCode.NotFound
            ? $"route missing (404{(body.Length == 0 ? "" : ": " + body.Replace('|', '/'))})"
            : $"HTTP {(int)response.StatusCode}: {body.Replace('|', '/')}";
    }

    private static async Task MeasureAsync(
        Platform platform, BenchOptions options, string request, string name, Func<int, string> path, StringBuilder lines, List<Measurement> measurements, List<string> warnings)
    {
        var client = platform.Client;

        async Task<string?> Step(int loop)
        {
            using var response = await client.GetAsync(path(loop), HttpCompletionOption.ResponseContentRead);
            return response.StatusCode == HttpStatusCode.OK ? null : $"status {(int)response.StatusCode}";
        }

        foreach (var (run, loops, seconds) in new[] { ("1 connection", 1, options.SequentialSeconds), ($"{options.Connections} connections", options.Connections, options.DurationSeconds) })
        {
            var loopIds = Enumerable.Range(0, loops).ToArray();
            if (options.WarmupSeconds > 0)
            {
                await Load.RunAsync(run, loopIds, TimeSpan.FromSeconds(options.WarmupSeconds), Step);
            }

            var loadStart = Report.LoadAverage();
            var cpu = platform.Server.CpuTime;
            var result = await Load.RunAsync(run, loopIds, TimeSpan.FromSeconds(seconds), Step);
            var cpuPerRequest = (platform.Server.CpuTime - cpu).TotalMilliseconds / Math.Max(1, result.Successes + result.Failures);
            var loadEnd = Report.LoadAverage();
            Log($"{name}, {run}: {result.RequestsPerSecond:0.0}/s, p50 {result.LatencyMs.Median:0.00} ms, p99 {result.LatencyMs.P99:0.00} ms, {result.Failures} errors, server CPU {cpuPerRequest:0.00} ms/request");
            lines.AppendLine(CultureInfo.InvariantCulture,
                $"| `{request}` | {run} | {result.RequestsPerSecond:0.0} | {result.LatencyMs.Median:0.00} ms | {result.LatencyMs.P99:0.00} ms | {cpuPerRequest:0.00} ms | {result.Failures} |");
            measurements.Add(new Measurement($"{name}, {run}", loadStart, loadEnd,
                [Figure.Rate("requests", result.RequestsPerSecond), Figure.Ms("p50", result.LatencyMs.Median), Figure.Ms("p99", result.LatencyMs.P99),
                 Figure.Ms("server CPU per request", cpuPerRequest), Figure.Count("errors", result.Failures)]));
            if (result.Failures > 0)
            {
                warnings.Add($"{name}, {run}: {result.Failures} failed requests ({string.Join(", ", result.FailureKinds.Select(kv => $"{kv.Key} x{kv.Value}"))}).");
            }
        }
    }

    private static async Task ReserveHotItemAsync(
        Platform platform, PostgresDatabases postgres, BenchOptions options, string api, StringBuilder lines, List<Measurement> measurements, List<string> warnings)
    {
        var client = platform.Client;
        var stock = options.HotStock;
        var item = (await SendAsync(client, HttpMethod.Post, $"{api}/inventory/items", new { sku = "HOT-1", name = "Колодки тормозные (ходовые)", unit = "set", price = "2500.00", cost = "1500.00", vatRate = 20 }))
            .GetProperty("id").GetString()!;
        await SendAsync(client, HttpMethod.Post, $"{api}/inventory/movements", new { type = "receipt", itemId = item, quantity = stock });

        var succeeded = 0;
        var attempts = 0;
        var exhausted = 0;
        var minAvailable = decimal.MaxValue;
        var gate = new object();
        var conflicts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var other = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var latencies = new ConcurrentBag<double>();
        var maxAttempts = stock * 3 + options.Connections * 10;
        var path = $"{api}/inventory/movements";

        async Task Loop(int loop)
        {
            // Each client stops at its first "insufficient stock": the stock is gone for everyone then.
            while (Interlocked.Increment(ref attempts) <= maxAttempts)
            {
                var n = attempts;
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.PostAsJsonAsync(path, new { type = "reservation", itemId = item, quantity = 1, reference = new { order = $"bench-{loop}-{n}" } }, Json);
                    var text = await response.Content.ReadAsStringAsync();
                    latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref succeeded);
                        var available = JsonDocument.Parse(text).RootElement.GetProperty("item").GetProperty("available").GetDecimal();
                        lock (gate)
                        {
                            minAvailable = Math.Min(minAvailable, available);
                        }
                    }
                    else if (response.StatusCode == HttpStatusCode.Conflict)
                    {
                        var code = CodeOf(text);
                        conflicts.AddOrUpdate(code, 1, (_, c) => c + 1);
                        if (code == "insufficient-stock")
                        {
                            Interlocked.Increment(ref exhausted);
                            return;
                        }
                    }
                    else
                    {
                        other.AddOrUpdate($"HTTP {(int)response.StatusCode} {CodeOf(text)}", 1, (_, c) => c + 1);
                    }
                }
                catch (HttpRequestException ex)
                {
                    other.AddOrUpdate(ex.HttpRequestError.ToString(), 1, (_, c) => c + 1);
                }
                catch (TaskCanceledException)
                {
                    other.AddOrUpdate("timeout", 1, (_, c) => c + 1);
                }
            }
        }

        var loadStart = Report.LoadAverage();
        var cpu = platform.Server.CpuTime;
        var begin = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(i => Task.Run(() => Loop(i))));
        var elapsed = Stopwatch.GetElapsedTime(begin);
        var sentCount = Math.Min(attempts, maxAttempts);
        var cpuPerRequest = (platform.Server.CpuTime - cpu).TotalMilliseconds / Math.Max(1, sentCount);
        var loadEnd = Report.LoadAverage();
        var perSecond = succeeded / elapsed.TotalSeconds;
        var latency = Summary.Of(latencies);

        // Verification: the item as the API shows it, its stock row and its open reservations in SQL.
        var view = await SendAsync(client, HttpMethod.Get, $"{api}/inventory/items/{item}", null);
        var (onHand, reserved, available) = (view.GetProperty("onHand").GetDecimal(), view.GetProperty("reserved").GetDecimal(), view.GetProperty("available").GetDecimal());
        var sql = Parse(await postgres.ExecuteAsync(platform.Database, $"""
            SELECT 'on_hand', coalesce(sum(on_hand_milli), 0) FROM inventory.stock WHERE item_id = '{item}';
            SELECT 'reserved', coalesce(sum(reserved_milli), 0) FROM inventory.stock WHERE item_id = '{item}';
            SELECT 'negative_rows', count(*) FROM inventory.stock WHERE item_id = '{item}' AND (on_hand_milli < 0 OR reserved_milli < 0 OR on_hand_milli - reserved_milli < 0);
            SELECT 'reservations', count(*) FROM inventory.reservations WHERE item_id = '{item}' AND open_milli > 0;
            SELECT 'open_milli', coalesce(sum(open_milli), 0) FROM inventory.reservations WHERE item_id = '{item}';
            """));
        var oversold = Math.Max(0, succeeded - stock) + (int)sql["negative_rows"];
        Log($"reservations: {succeeded} of {stock} units in {elapsed.TotalSeconds:0.0} s ({perSecond:0.0}/s), {sentCount} attempts, conflicts {string.Join(", ", conflicts.Select(kv => $"{kv.Key} x{kv.Value}"))}, other {other.Values.Sum()}; item reserved {reserved}, available {available}, SQL reserved {sql["reserved"] / 1000m}, reservations {sql["reservations"]}");

        if (reserved != succeeded || sql["reserved"] != succeeded * 1000L || sql["open_milli"] != succeeded * 1000L || sql["reservations"] != succeeded)
        {
            warnings.Add($"Reserved units disagree: {succeeded} reservations answered 200, the item shows {reserved} reserved, the stock row {sql["reserved"] / 1000m}, the open reservations {sql["reservations"]} holding {sql["open_milli"] / 1000m}.");
        }

        if (oversold > 0 || available < 0 || (minAvailable != decimal.MaxValue && minAvailable < 0))
        {
            warnings.Add($"OVERSOLD: {succeeded} reservations of {stock} units; available {available}, lowest available answered {minAvailable}; stock rows below zero: {sql["negative_rows"]}.");
        }

        if (succeeded != Math.Min(stock, sentCount))
        {
            warnings.Add($"{succeeded} reservations succeeded, but min(attempts, stock) is {Math.Min(stock, sentCount)}: the run ended before the stock was gone (attempts cap {maxAttempts}, other answers {other.Values.Sum()}).");
        }

        if (!other.IsEmpty)
        {
            warnings.Add($"Reservations answered neither 200 nor 409: {string.Join(", ", other.Select(kv => $"{kv.Key} x{kv.Value}"))}.");
        }

        lines.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Hot item: one item with {stock} units on hand; {options.Connections} clients each `POST …/inventory/movements` `{{type: \"reservation\", itemId, quantity: 1, reference: {{order}}}}` in a closed loop until their first 409 insufficient-stock. Load average from {loadStart} to {loadEnd}.\n"));
        lines.AppendLine("| attempts | reserved (200) | reservations/s | 409 | other | p50 | p99 | server CPU per attempt | oversold |");
        lines.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        lines.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {sentCount} | {succeeded} | {perSecond:0.0} | {conflicts.Values.Sum()} | {other.Values.Sum()} | {latency.Median:0.0} ms | {latency.P99:0.0} ms | {cpuPerRequest:0.00} ms | {oversold} |"));
        lines.AppendLine();
        lines.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Checked afterwards: the item shows on hand {onHand}, reserved {reserved}, available {available} (lowest available in any answer: {(minAvailable == decimal.MaxValue ? "none" : minAvailable.ToString(CultureInfo.InvariantCulture))}); in SQL the stock row holds {sql["on_hand"] / 1000m} on hand and {sql["reserved"] / 1000m} reserved, {sql["negative_rows"]} rows below zero, {sql["reservations"]} open reservations of {sql["open_milli"] / 1000m} units; reserved = min(reservations answered 200, stock) = {Math.Min(succeeded, stock)}: **{(reserved == Math.Min(succeeded, stock) && oversold == 0 ? "zero oversell" : "MISMATCH")}**. 409s by code: {string.Join("; ", conflicts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} x{kv.Value}"))}."));
        measurements.Add(new Measurement($"Hot-item reservations, {options.Connections} clients, {stock} units", loadStart, loadEnd,
            [Figure.Rate("reservations", perSecond), Figure.Ms("p50", latency.Median), Figure.Ms("p99", latency.P99), Figure.Ms("server CPU per attempt", cpuPerRequest),
             Figure.Count("errors", other.Values.Sum()), Figure.Count("oversold", oversold)]));
    }

    private static Dictionary<string, long> Parse(string output)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|');
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                counts[parts[0]] = value;
            }
        }

        return counts;
    }

    /// <summary>The problem's code, or the last segment of its type URI, or "?".</summary>
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

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        using var response = await client.SendAsync(request);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            throw new BenchException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
