using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Portico.Bench;

/// <summary>Renders one provider's results as a self-contained markdown section.</summary>
internal static class Report
{
    public static string Render(
        BenchOptions options,
        string database,
        DateTimeOffset startedAt,
        Summary fresh,
        Summary migrated,
        Summary stops,
        IReadOnlyList<LoadResult> throughput,
        IReadOnlyList<string> warnings,
        string? loadBefore)
    {
        var providerName = options.Provider == Provider.Sqlite ? "SQLite" : "PostgreSQL";
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"## Startup and health endpoints: {providerName}");
        Line($"");
        Line($"| | |");
        Line($"|---|---|");
        Line($"| Date | {startedAt:yyyy-MM-dd HH:mm} UTC |");
        Line($"| Machine | {Environment.ProcessorCount} logical CPUs{CpuModel()}, {Memory()}, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}) |");
        if (loadBefore is not null)
        {
            Line($"| Load average | {loadBefore} before, {LoadAverage()} after (1/5/15 min; the \"before\" figure well above 0 means other work shared the CPUs, \"after\" includes this benchmark) |");
        }

        Line($"| Runtime | {RuntimeInformation.FrameworkDescription} (bench and server run on the same `dotnet`) |");
        Line($"| Server | `{Path.GetFileName(options.Server)}`, Release publish, `ASPNETCORE_ENVIRONMENT=Production`, text logs, migrations on start |");
        Line($"| Database | {database} |");
        Line($"| Load | {options.Connections} connections, {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s per endpoint, HTTP/1.1 keep-alive over loopback |");
        foreach (var note in options.Notes)
        {
            Line($"| Note | {note} |");
        }

        Line($"");
        var sharing = options.Provider == Provider.Postgres ? "the server and PostgreSQL" : "the server";
        Line($"> The load generator and {sharing} share the same {Environment.ProcessorCount} CPU cores over loopback, so these figures compare builds and providers on this machine; they are not the capacity of a deployment.");
        Line($"");

        Line($"### Cold start: process start to the first 200 from `/health/ready`");
        Line($"");
        Line($"| Scenario | Runs | Median ms | p90 ms | Min ms | Max ms |");
        Line($"|---|--:|--:|--:|--:|--:|");
        StartRow("Cold start incl. migrations (fresh empty database each run)", fresh);
        StartRow("Cold start, migrated database", migrated);
        StartRow("Graceful stop (SIGTERM to exit, all runs)", stops);
        Line($"");
        Line($"`dotnet portico.dll serve` is started as a child process; readiness is polled every 10 ms, so each figure includes up to ~10 ms of polling slack. One untimed start precedes the runs to warm the OS file cache.");
        Line($"");

        Line($"### Throughput: {options.Connections} closed-loop connections");
        Line($"");
        Line($"| Endpoint | Requests | Req/s | p50 ms | p90 ms | p99 ms | Max ms | Errors |");
        Line($"|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var result in throughput)
        {
            var what = result.Path == "/health/live" ? "no database" : "one database query";
            Line($"| `{result.Path}` ({what}) | {result.Successes:N0} | {result.RequestsPerSecond:N0} | {result.LatencyMs.Median:0.00} | {result.LatencyMs.P90:0.00} | {result.LatencyMs.P99:0.00} | {result.LatencyMs.Max:0.0} | {result.Failures} |");
        }

        if (throughput.FirstOrDefault(r => r.Path == "/health/live") is { } live
            && throughput.FirstOrDefault(r => r.Path == "/health/ready") is { } ready
            && ready.RequestsPerSecond > 0 && live.RequestsPerSecond > 0)
        {
            var extraMicroseconds = ((1 / ready.RequestsPerSecond) - (1 / live.RequestsPerSecond)) * 1e6;
            Line($"");
            Line($"**ready/live:** throughput ×{ready.RequestsPerSecond / live.RequestsPerSecond:0.00}, p50 latency ×{ready.LatencyMs.Median / live.LatencyMs.Median:0.00}. With the cores saturated, the database check costs about {extraMicroseconds:0} µs of machine time per request (1/req/s of ready minus that of live), client and database included.");
        }

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

        void StartRow(string name, Summary s) =>
            Line($"| {name} | {s.Count} | {s.Median:0} | {s.P90:0} | {s.Min:0} | {s.Max:0} |");
    }

    private static string CpuModel()
    {
        try
        {
            var model = File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                : null;
            return string.IsNullOrEmpty(model) ? "" : $" ({model})";
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), to tell a quiet machine from a busy one.</summary>
    public static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Memory()
    {
        var bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.#} GiB memory available");
    }
}
