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
        IReadOnlyList<(LoadResult Load, double ServerCpuMsPerRequest)> throughput,
        IReadOnlyList<string> warnings,
        string? loadBefore)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Header(
            md,
            options,
            "Startup and health endpoints",
            database,
            startedAt,
            loadBefore,
            "Release publish, `ASPNETCORE_ENVIRONMENT=Production`, text logs, migrations on start",
            string.Create(CultureInfo.InvariantCulture, $"{options.Connections} connections, {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s per endpoint, HTTP/1.1 keep-alive over loopback"));

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
        Line($"| Endpoint | Requests | Req/s | p50 ms | p90 ms | p99 ms | Max ms | Errors | Server CPU ms/req |");
        Line($"|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var (result, cpu) in throughput)
        {
            var what = result.Path == "/health/live" ? "no database" : "one database query";
            Line($"| `{result.Path}` ({what}) | {result.Successes:N0} | {result.RequestsPerSecond:N0} | {result.LatencyMs.Median:0.00} | {result.LatencyMs.P90:0.00} | {result.LatencyMs.P99:0.00} | {result.LatencyMs.Max:0.0} | {result.Failures} | {cpu:0.000} |");
        }

        Line($"");
        Line($"**Server CPU ms/req**: the server process's CPU time (user + system, from `/proc/<pid>/stat`) during the measured run divided by the requests{(options.Provider == Provider.Postgres ? "; PostgreSQL's own processes are not included" : "")}.");
        if (throughput.Select(t => t.Load).FirstOrDefault(r => r.Path == "/health/live") is { } live
            && throughput.Select(t => t.Load).FirstOrDefault(r => r.Path == "/health/ready") is { } ready
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

    /// <summary>The identity scenario: hash time, then sign-in, refresh and authenticated request throughput.</summary>
    public static string RenderIdentity(
        BenchOptions options,
        string database,
        DateTimeOffset startedAt,
        IdentityResults results,
        IReadOnlyList<string> warnings,
        string? loadBefore)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Header(
            md,
            options,
            "Sign-in, token refresh and authenticated requests",
            database,
            startedAt,
            loadBefore,
            "Release publish, `ASPNETCORE_ENVIRONMENT=Production`, text logs, `Portico__RateLimits__Enabled=false` (account lockout stays on; only correct passwords are sent), database filled by `portico.dll seed-demo` (15 demo users)",
            string.Create(CultureInfo.InvariantCulture, $"login and refresh {options.LoginConnections} loops, `/me` {options.Connections} loops; {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s per request kind, HTTP/1.1 keep-alive over loopback"));

        var hash = results.Hash;
        Line($"### Password hash: PBKDF2-HMAC-SHA512, {IdentityBenchmark.Iterations:N0} iterations");
        Line($"");
        Line($"| Measure | Value |");
        Line($"|---|--:|");
        Line($"| Time per hash (wall clock), median of {hash.Ms.Count} (min to max) | {hash.Ms.Median:0.0} ms ({hash.Ms.Min:0.0} to {hash.Ms.Max:0.0}) |");
        Line($"| CPU time per hash (the benchmark process's CPU time over the {hash.Ms.Count} hashes) | {hash.CpuMsPerHash:0.0} ms |");
        Line($"| Theoretical max logins/s on {hash.Cores} cores ({hash.Cores} / median time per hash) | {hash.MaxLoginsPerSecond:0.0} |");
        Line($"");
        Line($"Measured in the benchmark process, before any server started, with `Rfc2898DeriveBytes.Pbkdf2(password, 16-byte salt, {IdentityBenchmark.Iterations}, SHA512, 32)`: the derivation ASP.NET Core Identity's `PasswordHasher` (IdentityV3 format) runs once per password check. The ceiling assumes the cores do nothing else: no HTTP, JSON, database or token signing, and no load generator. A median well above the CPU time per hash means other processes took the core during the measurement.");
        Line($"");

        Line($"### Throughput: closed loops against one server");
        Line($"");
        Line($"| Request | Loops | Successes | Per second | p50 ms | p90 ms | p99 ms | Max ms | Errors | Server CPU ms/req | Bench CPU ms/req |");
        Line($"|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        Row("`POST /api/v1/auth/login` (password check, new session and refresh token)", results.Login);
        Row("`POST /api/v1/auth/refresh` (rotation: each answer's refresh token is sent next)", results.Refresh);
        Row("`GET /api/v1/me` (bearer token; the session is checked in the database)", results.Me);
        Line($"");
        Line($"**CPU ms/req**: CPU time (user + system, all threads) the server process and the benchmark process used during the measured run, divided by the requests sent. It depends less on other work on the machine than the rates do, though contention inflates it too{(options.Provider == Provider.Postgres ? "; PostgreSQL's own processes are not included" : "")}.");
        Line($"");
        var login = results.Login.Load;
        if (login.RequestsPerSecond > 0)
        {
            Line($"**Logins against the hash ceiling:** {login.RequestsPerSecond:0.0} logins/s is {100 * login.RequestsPerSecond / hash.MaxLoginsPerSecond:0}% of the theoretical {hash.MaxLoginsPerSecond:0.0}. A login took {results.Login.ServerCpuMsPerRequest:0} ms of server CPU, of which one PBKDF2 hash is about {hash.Ms.Min:0} ms (the fastest of the {hash.Ms.Count} timings, the least disturbed); with {hash.Cores} cores saturated, each login occupied {hash.Cores * 1000 / login.RequestsPerSecond:0} ms of machine time ({hash.Cores} cores / logins per second), the rest going to the load generator ({results.Login.BenchCpuMsPerRequest:0.0} ms CPU per login), the database and other processes on the machine.");
            Line($"");
        }

        Line($"Untimed set-up: `seed-demo` (migrations, demo data for every module, 15 password hashes) took {results.SeedDemo.TotalSeconds:0.0} s; the server was ready {results.Ready.TotalMilliseconds:0} ms after start; signing in the refresh loops took {results.RefreshSetup.TotalSeconds:0.0} s and the `/me` loops {results.MeSetup.TotalSeconds:0.0} s. Login loops take the 15 users in turn; with fewer than 100 successes the nearest-rank p99 is the maximum.");

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

        void Row(string name, IdentityRun run)
        {
            var r = run.Load;
            Line($"| {name} | {run.Loops} | {r.Successes:N0} | {r.RequestsPerSecond:N1} | {r.LatencyMs.Median:0.00} | {r.LatencyMs.P90:0.00} | {r.LatencyMs.P99:0.00} | {r.LatencyMs.Max:0.0} | {r.Failures} | {run.ServerCpuMsPerRequest:0.00} | {run.BenchCpuMsPerRequest:0.00} |");
        }
    }

    /// <summary>The section title and the table of conditions shared by every scenario.</summary>
    internal static void Header(StringBuilder md, BenchOptions options, string title, string database, DateTimeOffset startedAt, string? loadBefore, string server, string load)
    {
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        var providerName = options.Provider == Provider.Sqlite ? "SQLite" : "PostgreSQL";
        Line($"## {title}: {providerName}");
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
        if (options.Label is { } label)
        {
            Line($"| Build | `{label}` |");
        }

        Line($"| Server | `{Path.GetFileName(options.Server)}`, {server} |");
        Line($"| Database | {database} |");
        Line($"| Load | {load} |");
        foreach (var note in options.Notes)
        {
            Line($"| Note | {note} |");
        }

        Line($"");
        var sharing = options.Provider == Provider.Postgres ? "the server and PostgreSQL" : "the server";
        Line($"> The load generator and {sharing} share the same {Environment.ProcessorCount} CPU cores over loopback, so these figures compare builds and providers on this machine; they are not the capacity of a deployment.");
        Line($"");
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
