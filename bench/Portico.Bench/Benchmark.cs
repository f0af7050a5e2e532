using System.Globalization;

namespace Portico.Bench;

/// <summary>Runs the cold-start and throughput scenarios for one provider and renders the report.</summary>
internal static class Benchmark
{
    internal static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    public static async Task<ScenarioRun> RunAsync(BenchOptions options)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = Report.LoadAverage();
        var warnings = new List<string>();
        var log = new MeasurementLog();
        await using IDatabaseFactory databases = options.Provider == Provider.Sqlite
            ? new SqliteDatabases()
            : new PostgresDatabases(options.Psql);
        Log($"{options.Provider}: {databases.Description}");

        // One untimed start first: warms the OS file cache for the runtime and the server's
        // assemblies, and this process's own HTTP stack, so run 1 is not an outlier for those reasons.
        var warmup = await databases.CreateFreshAsync("warmup");
        var (warmupMs, _) = await ColdStartAsync(options, warmup, warnings);
        await databases.DropAsync(warmup);
        Log($"untimed warm-up start: ready in {warmupMs:0} ms");

        var fresh = new List<double>();
        var stops = new List<double>();
        log.Start();
        DatabaseTarget? database = null;
        for (var run = 1; run <= options.Runs; run++)
        {
            if (database is not null)
            {
                await databases.DropAsync(database);
            }

            database = await databases.CreateFreshAsync($"fresh-{run}");
            var (ready, stop) = await ColdStartAsync(options, database, warnings);
            fresh.Add(ready);
            stops.Add(stop);
            Log($"cold start incl. migrations {run}/{options.Runs}: ready in {ready:0} ms, stopped in {stop:0} ms");
        }

        log.Add("Cold start incl. migrations", Figure.Ms("median", Summary.Of(fresh).Median));

        // The last fresh database is migrated now: the same file (or PostgreSQL database) serves the
        // warm-database starts and the throughput runs.
        var migrated = new List<double>();
        log.Start();
        for (var run = 1; run <= options.Runs; run++)
        {
            var (ready, stop) = await ColdStartAsync(options, database!, warnings);
            migrated.Add(ready);
            stops.Add(stop);
            Log($"cold start, migrated database {run}/{options.Runs}: ready in {ready:0} ms, stopped in {stop:0} ms");
        }

        log.Add("Cold start, migrated database", Figure.Ms("median", Summary.Of(migrated).Median), Figure.Ms("graceful stop, median", Summary.Of(stops).Median));

        var throughput = new List<(LoadResult Load, double ServerCpuMsPerRequest)>();
        await using (var server = ServerProcess.Start(options, EnvironmentFor(database!), database!.WorkingDirectory))
        {
            await server.WaitReadyAsync(ReadyTimeout);
            using var client = Load.CreateClient(options.Connections);
            foreach (var path in (string[])["/health/live", "/health/ready"])
            {
                var url = new Uri(server.BaseUri, path);
                if (options.WarmupSeconds > 0)
                {
                    await Load.RunAsync(client, url, options.Connections, TimeSpan.FromSeconds(options.WarmupSeconds));
                }

                log.Start();
                var cpu = server.CpuTime;
                var result = await Load.RunAsync(client, url, options.Connections, TimeSpan.FromSeconds(options.DurationSeconds));
                var cpuPerRequest = (server.CpuTime - cpu).TotalMilliseconds / Math.Max(1, result.Successes + result.Failures);
                throughput.Add((result, cpuPerRequest));
                log.Add($"`{path}`, {options.Connections} connections",
                    Figure.Rate("requests", result.RequestsPerSecond), Figure.Ms("p50", result.LatencyMs.Median), Figure.Ms("p99", result.LatencyMs.P99),
                    Figure.Ms("server CPU per request", cpuPerRequest), Figure.Count("errors", result.Failures));
                Log($"{path}: {result.RequestsPerSecond:0} req/s, p50 {result.LatencyMs.Median:0.00} ms, p99 {result.LatencyMs.P99:0.00} ms, {result.Failures} errors, server CPU {cpuPerRequest:0.000} ms/request");
                if (result.Failures > 0)
                {
                    warnings.Add($"{path}: {result.Failures} failed requests ({string.Join(", ", result.FailureKinds.Select(kv => $"{kv.Key} x{kv.Value}"))}). Server output tail:\n{server.Tail}");
                }
            }

            var (_, exitCode) = await server.StopAsync();
            if (exitCode != 0)
            {
                warnings.Add($"The throughput server exited with code {exitCode} after SIGTERM.");
            }
        }

        foreach (var warning in warnings)
        {
            await Console.Error.WriteLineAsync($"warning: {warning}");
        }

        return new ScenarioRun(
            Report.Render(options, databases.Description, startedAt, Summary.Of(fresh), Summary.Of(migrated), Summary.Of(stops), throughput, warnings, loadBefore),
            log.Measurements);
    }

    /// <summary>Starts the server on <paramref name="database"/>, waits for readiness, stops it; returns both times in ms.</summary>
    private static async Task<(double ReadyMs, double StopMs)> ColdStartAsync(BenchOptions options, DatabaseTarget database, List<string> warnings)
    {
        await using var server = ServerProcess.Start(options, EnvironmentFor(database), database.WorkingDirectory);
        var ready = await server.WaitReadyAsync(ReadyTimeout);
        var (stop, exitCode) = await server.StopAsync();
        if (exitCode != 0)
        {
            warnings.Add($"A server on {database.Name} exited with code {exitCode} after SIGTERM. Output tail:\n{server.Tail}");
        }

        return (ready.TotalMilliseconds, stop.TotalMilliseconds);
    }

    /// <summary>The child's environment: production settings, readable logs, no telemetry export, the database's settings.</summary>
    internal static Dictionary<string, string?> EnvironmentFor(DatabaseTarget database)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = null,
            ["Portico__Logging__Format"] = "text",
            ["ASPNETCORE_URLS"] = null,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
        };
        foreach (var (key, value) in database.Environment)
        {
            environment[key] = value;
        }

        return environment;
    }

    internal static void Log(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] {message}"));
}
