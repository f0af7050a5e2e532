using System.Globalization;
using System.Text;

namespace Portico.Bench;

/// <summary>Markdown sections of the events and hub-fanout scenarios, in the style of <see cref="Report"/>.</summary>
internal static class EventsReport
{
    public static string RenderEvents(BenchOptions options, string database, DateTimeOffset startedAt, EventsResults r, IReadOnlyList<string> warnings, string? loadBefore)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Report.Header(
            md,
            options,
            "Events through the event log",
            database,
            startedAt,
            loadBefore,
            "Release publish, `ASPNETCORE_ENVIRONMENT=Production`, text logs, integration events in the event log of the application database (read in batches by each subscriber, ADR 0007), one administrator from `create-admin`, one tenant",
            string.Create(CultureInfo.InvariantCulture, $"{r.Publishers} closed loops `POST /api/v1/tenants/{{t}}/events` (`{EventsBenchmark.EventType}`, ~30-byte data) until {r.Requested:N0} are sent, after {r.WarmupEvents} warm-up events; one SSE reader follows the stream; HTTP/1.1 keep-alive over loopback"));

        Line($"### Publishing: `POST /api/v1/tenants/{{tenant}}/events` (event and outbox envelope in one transaction)");
        Line($"");
        Line($"| Sent | Accepted (202) | Failed | Elapsed s | Accepted/s | p50 ms | p90 ms | p99 ms | Max ms |");
        Line($"|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        var p = r.PostLatencyMs;
        Line($"| {r.Requested:N0} | {r.Accepted:N0} | {r.Failed} | {r.PublishElapsed.TotalSeconds:0.00} | {r.AcceptedPerSecond:N0} | {p.Median:0.0} | {p.P90:0.0} | {p.P99:0.0} | {p.Max:0.0} |");
        Line($"");

        Line($"### Handling: event log → stream subscriber's batch append (the effect), seen on the SSE stream");
        Line($"");
        Line($"| Accepted events in the stream | First POST → half of them in the stream, s | → 99% of them, s | → all of them, s | Handled events/s, 99% | Handled events/s, all |");
        Line($"|--:|--:|--:|--:|--:|--:|");
        Line($"| {r.SeenLive:N0} of {r.Accepted:N0} | {r.HalfInStreamSeconds:0.00} | {r.P99InStreamSeconds:0.00} | {r.HandledElapsed.TotalSeconds:0.00} | {Number(r.Handled99PerSecond)} | {Number(r.HandledPerSecond)} |");
        Line($"");
        Line($"| Per event: POST sent → in the stream (queueing behind the burst included) | p50 ms | p90 ms | p99 ms | Max ms |");
        Line($"|---|--:|--:|--:|--:|");
        var e = r.EndToEndMs;
        Line($"| {r.SeenLive:N0} events | {e.Median:0} | {e.P90:0} | {e.P99:0} | {e.Max:0} |");
        Line($"");
        Line($"**Handled/accepted:** {Number(r.Handled99PerSecond / r.AcceptedPerSecond, "0.00")} for 99% of the events, {Number(r.HandledPerSecond / r.AcceptedPerSecond, "0.00")} for all of them (1.00: the queues kept up with the publishers). When the two handled rates differ a lot, the last events were stragglers retried by the bus (see the handler failures below), not a slow queue. The stream was {r.LagAfterPublishing.TotalSeconds:0.00} s behind when publishing ended. Server CPU per event, publishing and handling together: {r.ServerCpuMsPerEvent:0.00} ms (bench process: {r.BenchCpuMsPerEvent:0.00} ms){(options.Provider == Provider.Postgres ? "; PostgreSQL's own processes are not included" : "")}.");
        Line($"");

        Line($"### Exactly once: the stream replayed from position 0, {r.SettleSeconds:0} s after the last event arrived");
        Line($"");
        Line($"| Accepted ids | `{EventsBenchmark.EventType}` events in the replay | Lost (accepted, not in the stream) | Duplicated (extra copies of an id) | In the stream without a 202 | Duplicates seen live | Dead letters | Handler failures retried | of which unique-value conflicts | Retries rescheduled (30 s or later) |");
        Line($"|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        Line($"| {r.Accepted:N0} | {r.Replayed:N0} | **{r.Lost}** | **{r.Duplicated}** | {r.Unacknowledged} | {r.LiveDuplicates} | {(r.DeadLetters?.ToString(CultureInfo.InvariantCulture) ?? "?")} | {r.HandlerFailures} | {r.Conflicts} | {r.Rescheduled} |");
        Line($"");
        var verdict = (r.Lost, r.Duplicated) switch
        {
            (0, 0) when r.SeenLive == r.Accepted => "**Zero lost, zero duplicated.**",
            (> 0, 0) when r.Rescheduled > 0 && r.DeadLetters is 0 => string.Create(CultureInfo.InvariantCulture, $"**Zero duplicated; {r.Lost} accepted events were not in the stream {r.DrainTimeoutSeconds} s after publishing**, with retries still scheduled and no dead letter: lost, or waiting for a retry due later (after a third failure the bus waits 30 s, then 2 min, 10 min and 1 h). Not verified either way."),
            _ => "**Events were lost or duplicated: see the counts above.**",
        };
        Line($"{verdict} **Handler failures retried** counts the event log readers' warning lines (a batch handed over again, an event retried or parked) and Wolverine's \"Failed to process message\" lines from the first measured POST to the replay; unique-value conflicts (two stream appends taking one position) cannot happen since one reader writes the stream's positions, so that column should stay 0. A failure costs latency, never a loss or a duplicate.");
        Line($"");
        Line($"Untimed set-up: `create-admin` (migrations and one password hash) took {r.CreateAdmin.TotalSeconds:0.0} s; the server was ready {r.Ready.TotalMilliseconds:0} ms after start; the {r.WarmupEvents} warm-up events were published and in the stream after {r.WarmupElapsed.TotalSeconds:0.0} s.");
        Warnings(md, warnings);
        Line($"");
        return md.ToString();
    }

    public static string RenderFanout(BenchOptions options, string database, DateTimeOffset startedAt, FanoutResults results, IReadOnlyList<string> warnings, string? loadBefore)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Report.Header(
            md,
            options,
            "Hub fan-out to N SignalR clients",
            database,
            startedAt,
            loadBefore,
            "Release publish, `ASPNETCORE_ENVIRONMENT=Production`, text logs, SignalR without a backplane, one tenant",
            string.Create(CultureInfo.InvariantCulture, $"per round N clients (`Microsoft.AspNetCore.SignalR.Client`, WebSockets, JSON protocol) in `tenant:{{slug}}`; {options.HubEvents} `{HubFanoutBenchmark.EventType}` events at {options.Rate}/s (open loop) after 10 warm-up events; before the rounds, one unreported round of {options.WarmupEvents} events to 1 client; clients and publisher in the bench process, over loopback"));

        Line($"### Delivered messages: N clients × M events");
        Line($"");
        Line($"| Clients | Events | Messages expected | Received | Clients with every event | Duplicates | Publishing s | First POST → last message s | Delivered msg/s | Offered msg/s | p50 ms | p90 ms | p99 ms | Max ms |");
        Line($"|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results.Rounds)
        {
            var l = r.LatencyMs;
            Line($"| {r.Clients} | {r.Events} | {r.Expected:N0} | {r.Received:N0} | {r.CompleteClients} of {r.Clients} | {r.Duplicates} | {r.PublishSpan.TotalSeconds:0.00} | {r.Elapsed.TotalSeconds:0.00} | {r.MessagesPerSecond:N0} | {r.OfferedPerSecond:N0} | {l.Median:0.0} | {l.P90:0.0} | {l.P99:0.0} | {l.Max:0.0} |");
        }

        Line($"");
        Line($"Latency: POST sent → message received by a client, over every (client, event) pair; it covers the request's transaction, the durable queue, the stream append and the hub push to all N connections. **Offered msg/s** = N × M / publishing time (N × rate): when delivered ≈ offered, the server kept up and the figure is bounded by the rate, not by the server; the latency then tells the cost of N.");
        Line($"");
        Line($"| Clients | Connect and join s | Server CPU ms per event | Server CPU ms per 1,000 messages | Bench CPU ms per 1,000 messages | Handler failures retried during the round |");
        Line($"|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results.Rounds)
        {
            Line($"| {r.Clients} | {r.Connect.TotalSeconds:0.0} | {r.ServerCpuMsPer1000 * r.Clients / 1000:0.0} | {r.ServerCpuMsPer1000:0} | {r.BenchCpuMsPer1000:0} | {r.HandlerFailures} |");
        }

        Line($"");
        Line($"Server CPU covers the whole round (each event's POST, queues and stream append, then the N pushes), so per event it is the pipeline's cost plus N pushes; the difference between rounds is the fan-out's share.");

        Line($"");
        Line($"A handler failure (Wolverine's \"Failed to process message\", in practice two stream appends taking the same position) is retried after 1 s, then 5 s: each one puts that event's delivery 1 s or 6 s late, which is what a p99 or max of several seconds means here.");

        Line($"");
        var all = results.Rounds.All(r => r.CompleteClients == r.Clients && r.Duplicates == 0 && r.PublishFailures == 0);
        Line($"{(all ? "**Every client received every event exactly once in every round.**" : "**Some clients missed events or got duplicates: see the table.**")} Untimed set-up: `create-admin` took {results.CreateAdmin.TotalSeconds:0.0} s; the server was ready {results.Ready.TotalMilliseconds:0} ms after start. The N clients run in the benchmark process and share its CPU with the publisher; their CPU is included in the bench column.");
        Warnings(md, warnings);
        Line($"");
        return md.ToString();
    }

    private static string Number(double value, string format = "N0") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static void Warnings(StringBuilder md, IReadOnlyList<string> warnings)
    {
        if (warnings.Count > 0)
        {
            md.Append("\n**Warnings:**\n");
            foreach (var warning in warnings)
            {
                md.Append("- ").Append(warning.Split('\n')[0]).Append('\n');
            }
        }
    }
}
