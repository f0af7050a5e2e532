using System.Diagnostics;
using System.Net;

namespace Portico.Bench;

/// <summary>The outcome of one closed-loop load run against one URL.</summary>
internal sealed record LoadResult(
    string Path,
    long Successes,
    long Failures,
    TimeSpan Elapsed,
    Summary LatencyMs,
    IReadOnlyDictionary<string, long> FailureKinds,
    double[]? SortedLatenciesMs = null)
{
    public double RequestsPerSecond => Successes / Elapsed.TotalSeconds;

    /// <summary>Requests the client gave up on after its timeout (<see cref="HttpClient.Timeout"/>).</summary>
    public long Timeouts => FailureKinds.GetValueOrDefault("timeout");

    /// <summary>Requests that got an answer, right or wrong: what the server finished, so what its CPU time is divided by.</summary>
    public long Answered => Successes + Failures - Timeouts;

    /// <summary>
    /// Nearest-rank percentile over the successes and the timeouts together, a timeout counting as slower than any
    /// answer: when the rank falls on a timeout, the percentile is only known to be at least <paramref name="timeout"/>.
    /// Without timeouts this is the ordinary percentile of the successes (the median as <see cref="Summary"/> takes it).
    /// </summary>
    public (double Ms, bool AtLeast) Percentile(double percent, TimeSpan timeout)
    {
        var sorted = SortedLatenciesMs ?? [];
        if (Timeouts == 0 && percent == 50)
        {
            return (LatencyMs.Median, false);
        }

        if (sorted.Length + Timeouts == 0)
        {
            return (double.NaN, false);
        }

        var rank = (int)Math.Ceiling(percent / 100 * (sorted.Length + Timeouts));
        return rank <= sorted.Length ? (sorted[Math.Max(rank, 1) - 1], false) : (timeout.TotalMilliseconds, true);
    }
}

/// <summary>
/// C loops, each sending the next request as soon as the previous answer is read, over one shared
/// HttpClient with at most C connections. Closed loop: throughput is what the server (and the load
/// generator beside it) can sustain, and latency includes the client's own queueing.
/// </summary>
internal static class Load
{
    public static HttpClient CreateClient(int connections, TimeSpan? timeout = null) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    };

    public static Task<LoadResult> RunAsync(HttpClient client, Uri url, int connections, TimeSpan duration) =>
        RunAsync(url.AbsolutePath, Enumerable.Range(0, connections).ToArray(), duration, async _ =>
        {
            // GetAsync buffers the body, so the latency covers the whole response.
            using var response = await client.GetAsync(url);
            return response.StatusCode == HttpStatusCode.OK ? null : $"HTTP {(int)response.StatusCode}";
        });

    /// <summary>
    /// One closed loop per element of <paramref name="loops"/>: each calls <paramref name="step"/> with its
    /// own state as soon as the previous call returned, until the deadline. A step returns null on
    /// success or a short failure kind; only successful steps contribute latencies. Transport errors
    /// and client timeouts thrown by a step are counted as failures too.
    /// </summary>
    public static async Task<LoadResult> RunAsync<TLoop>(string label, IReadOnlyList<TLoop> loops, TimeSpan duration, Func<TLoop, Task<string?>> step)
    {
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = loops.Select(_ => new Worker()).ToArray();
        await Task.WhenAll(workers.Select((w, i) => Task.Run(() => w.RunAsync(loops[i], step, deadline))));
        var elapsed = Stopwatch.GetElapsedTime(start);

        var latencies = workers.SelectMany(w => w.LatenciesMs).ToArray();
        var kinds = workers.SelectMany(w => w.FailureKinds)
            .GroupBy(kv => kv.Key)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        Array.Sort(latencies);
        return new LoadResult(label, latencies.Length, workers.Sum(w => w.Failures), elapsed, Summary.Of(latencies), kinds, latencies);
    }

    private sealed class Worker
    {
        public List<double> LatenciesMs { get; } = new(capacity: 16_384);

        public Dictionary<string, long> FailureKinds { get; } = [];

        public long Failures { get; private set; }

        public async Task RunAsync<TLoop>(TLoop loop, Func<TLoop, Task<string?>> step, long deadline)
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var sent = Stopwatch.GetTimestamp();
                string? failure;
                try
                {
                    failure = await step(loop);
                }
                catch (HttpRequestException ex)
                {
                    failure = ex.HttpRequestError.ToString();
                }
                catch (TaskCanceledException)
                {
                    failure = "timeout";
                }

                if (failure is null)
                {
                    LatenciesMs.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }
                else
                {
                    Failures++;
                    FailureKinds[failure] = FailureKinds.GetValueOrDefault(failure) + 1;
                }
            }
        }
    }
}

/// <summary>Order statistics of a sample: the usual median (mean of the two middle values), nearest-rank p90/p99.</summary>
internal sealed record Summary(int Count, double Min, double Median, double P90, double P99, double Max)
{
    public static Summary Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
            : new Summary(sorted.Length, sorted[0], MedianOf(sorted), Percentile(sorted, 90), Percentile(sorted, 99), sorted[^1]);
    }

    private static double MedianOf(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    private static double Percentile(double[] sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
