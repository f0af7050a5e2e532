using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Portico.Bench;

/// <summary>
/// Runs one scenario against two builds in one process and renders old, new and new/old per figure. The list
/// scenario alternates the builds itself (both databases are seeded first, then the measured visits alternate);
/// every other scenario runs whole, once per build and round, each on its own fresh database in the same database
/// cluster (a scenario makes its database through the build under test, so a build with more migrations gets them).
/// Rounds go old, new, then new, old, and so on, so a drift of the machine's load favours neither build.
/// </summary>
internal static class Compare
{
    /// <summary>One scenario, one build: the markdown section and the figures.</summary>
    public static async Task<ScenarioRun> RunOneAsync(BenchOptions options) => options.Scenario switch
    {
        Scenario.Identity => await IdentityBenchmark.RunAsync(options),
        Scenario.Events => await EventsBenchmark.RunAsync(options),
        Scenario.HubFanout => await HubFanoutBenchmark.RunAsync(options),
        Scenario.Crm => await CrmBenchmark.RunAsync(options),
        Scenario.List => (await ListBenchmark.RunAsync(options, [new Build(options.Label ?? "this build", options.Server)]))[0].Run,
        Scenario.Console => await ConsoleBenchmark.RunAsync(options),
        Scenario.Telegram => await TelegramBenchmark.RunAsync(options),
        Scenario.Slots => await SlotsBenchmark.RunAsync(options),
        Scenario.Bookings => await BookingsBenchmark.RunAsync(options),
        Scenario.WorkOrders => await WorkOrdersBenchmark.RunAsync(options),
        _ => await Benchmark.RunAsync(options),
    };

    public static async Task<string> RunAsync(BenchOptions options)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = Report.LoadAverage();
        var old = new Build(options.BaselineLabel ?? "old", options.Baseline!);
        var @new = new Build(options.Label ?? "new", options.Server);
        var runs = new List<(Build Build, ScenarioRun Run)>();
        var order = new List<string>();
        if (options.Scenario == Scenario.List)
        {
            runs.AddRange(await ListBenchmark.RunAsync(options, [old, @new]));
            order.Add(ListBenchmark.Order(options.Rounds));
        }
        else
        {
            for (var round = 1; round <= options.Rounds; round++)
            {
                foreach (var build in round % 2 == 1 ? [old, @new] : (Build[])[@new, old])
                {
                    Log($"== round {round}/{options.Rounds}: {options.Scenario} on {build.Label}");
                    runs.Add((build, await RunOneAsync(options.ForBuild(build))));
                    order.Add(build == old ? "old" : "new");
                }
            }
        }

        return Render(options, startedAt, loadBefore, old, @new, string.Join(", ", order), runs);
    }

    internal static string Title(Scenario scenario) => scenario switch
    {
        Scenario.Identity => "Identity: sign-in, refresh, GET /api/v1/me",
        Scenario.Events => "Events: accepted and handled",
        Scenario.HubFanout => "Hub fan-out",
        Scenario.Crm => "CRM: searched and filtered lead lists, CSV import",
        Scenario.List => "Lead list (page of 20) and GET /api/v1/me",
        Scenario.Console => "Web console: first page at 100 000 leads, memory per circuit, board update p99",
        Scenario.Telegram => "Telegram webhooks: acknowledged and processed updates, kill test",
        Scenario.Slots => "Slot search: 30 days, 50 staff, 20 000 appointments",
        Scenario.Bookings => "Public booking with conflicts: 64 clients, 20 starts",
        Scenario.WorkOrders => "Work orders: mechanic queue and timeline over 200 000 orders, hot-item reservations",
        _ => "Startup and health endpoints",
    };

    private static string Render(BenchOptions options, DateTimeOffset startedAt, string? loadBefore, Build old, Build @new, string order, IReadOnlyList<(Build Build, ScenarioRun Run)> runs)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        var provider = options.Provider == Provider.Sqlite ? "SQLite" : "PostgreSQL";
        Line($"## Comparison: {Title(options.Scenario)}: {provider}");
        Line($"");
        Line($"| | |");
        Line($"|---|---|");
        Line($"| Date | {startedAt:yyyy-MM-dd HH:mm} UTC, {(DateTimeOffset.UtcNow - startedAt).TotalMinutes:0.0} min |");
        Line($"| Machine | {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription} |");
        Line($"| Old (reference) | `{old.Label}` |");
        Line($"| New | `{@new.Label}` |");
        Line($"| Order of the runs | {order} ({options.Rounds} round{(options.Rounds == 1 ? "" : "s")}; a figure is the mean over its rounds) |");
        Line($"| Load average (1/5/15 min) | {loadBefore ?? "?"} at the start, {Report.LoadAverage() ?? "?"} at the end |");
        foreach (var note in options.Notes)
        {
            Line($"| Note | {note} |");
        }

        Line($"");
        Line($"| Measurement | Figure | Old | New | New/old | | Load 1 min, old (start → end) | Load 1 min, new (start → end) |");
        Line($"|---|---|--:|--:|--:|---|---|---|");
        var oldRuns = runs.Where(r => r.Build == old).SelectMany(r => r.Run.Measurements).ToList();
        var newRuns = runs.Where(r => r.Build == @new).SelectMany(r => r.Run.Measurements).ToList();
        foreach (var name in oldRuns.Concat(newRuns).Select(m => m.Name).Distinct())
        {
            var o = oldRuns.Where(m => m.Name == name).ToList();
            var n = newRuns.Where(m => m.Name == name).ToList();
            var figures = o.Concat(n).SelectMany(m => m.Figures).Select(f => f.Name).Distinct().ToList();
            var first = true;
            foreach (var figure in figures)
            {
                var a = Mean(o, figure);
                var b = Mean(n, figure);
                var (ratio, verdict) = Ratio(a, b);
                Line($"| {(first ? name : "")} | {figure}{(a ?? b)!.Unit switch { "" => "", var unit => $", {unit}" }} | {a?.Text ?? "–"} | {b?.Text ?? "–"} | {ratio} | {verdict} | {(first ? Loads(o) : "")} | {(first ? Loads(n) : "")} |");
                first = false;
            }
        }

        Line($"");
        Line($"**New/old** divides the new build's figure by the reference's: above 1 is more requests per second, or more milliseconds. The next column reads it: *better* or *worse* when the figures differ by 5% or more, else ≈ (on a shared 2-core machine, differences of a few percent are noise: compare the load averages of the two windows). \"≥\" marks a percentile that fell on requests which timed out: the timeout is only a lower bound. Each build's own report follows.");
        Line($"");
        foreach (var (build, run) in runs)
        {
            Line($"### Details: `{build.Label}` ({(build == old ? "old" : "new")})");
            Line($"");
            // Two levels down: the build's sections sit under its "Details" heading.
            foreach (var line in run.Markdown.Split('\n'))
            {
                md.Append(line.StartsWith('#') ? "##" + line : line).Append('\n');
            }
        }

        return md.ToString();
    }

    /// <summary>The mean of a figure over the rounds that measured it; a lower bound if any round's was one.</summary>
    private static Figure? Mean(IReadOnlyList<Measurement> rounds, string name)
    {
        var figures = rounds.SelectMany(m => m.Figures).Where(f => f.Name == name).ToList();
        return figures.Count == 0
            ? null
            : figures[0] with { Value = figures.Average(f => f.Value), AtLeast = figures.Any(f => f.AtLeast) };
    }

    private static (string Ratio, string Verdict) Ratio(Figure? old, Figure? @new)
    {
        if (old is null || @new is null || double.IsNaN(old.Value) || double.IsNaN(@new.Value))
        {
            return ("–", "");
        }

        if (old.Value == 0)
        {
            return (@new.Value == 0 ? ("–", "≈") : ("–", @new.Better == Better.Lower ? "worse" : "better"));
        }

        var ratio = @new.Value / old.Value;
        var text = ratio.ToString(ratio >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + (old.AtLeast || @new.AtLeast ? " (bound)" : "");
        if (Math.Abs(ratio - 1) < 0.05)
        {
            return (text, "≈");
        }

        var better = (ratio > 1) == (@new.Better == Better.Higher);
        return (text, better ? "better" : "worse");
    }

    private static string Loads(IReadOnlyList<Measurement> rounds) =>
        string.Join("; ", rounds.Where(m => m.LoadStart is not null || m.LoadEnd is not null).Select(m => $"{OneMinute(m.LoadStart)} → {OneMinute(m.LoadEnd)}"));

    private static string OneMinute(string? load) => load?.Split(' ', 2)[0] ?? "?";

    private static void Log(string message) => Benchmark.Log(message);
}
