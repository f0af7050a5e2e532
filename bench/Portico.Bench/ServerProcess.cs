using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Diagnostics.NETCore.Client;

namespace Portico.Bench;

/// <summary>Raised for failures the report should explain in one line (server would not start, psql failed...).</summary>
internal sealed class BenchException(string message) : Exception(message);

/// <summary>
/// One <c>dotnet portico.dll serve</c> child process on a free loopback port. The clock starts right
/// before <see cref="Process.Start()"/>; readiness is the first 200 from <c>/health/ready</c>.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int TailLines = 40;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Servers still running, killed if the benchmark itself is interrupted (Ctrl+C, SIGTERM).</summary>
    private static readonly ConcurrentDictionary<Process, byte> Running = new();

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly HttpClient _poll;
    private readonly long _startedAt;
    private readonly ConcurrentDictionary<string, long> _counted = new(StringComparer.Ordinal);
    private readonly StreamWriter? _log;

    private static readonly PosixSignalRegistration[] SignalHandlers =
    [
        PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => KillRunning()),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => KillRunning()),
        PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => KillRunning()),
    ];

    private ServerProcess(BenchOptions options, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        var port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = StartInfo(options, environment, workingDirectory, ["serve", "--urls", BaseUri.ToString().TrimEnd('/')]);

        _process = new Process { StartInfo = start };
        _log = options.ServerLog is { } logPath ? new StreamWriter(logPath, append: true) { AutoFlush = true } : null;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);

        // The poll client exists before the clock starts: its construction is not the server's cost.
        // A new connection per attempt until the server answers; refused connections fail in microseconds.
        _poll = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            UseProxy = false,
            UseCookies = false,
        })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };

        _startedAt = Stopwatch.GetTimestamp();
        _process.Start();
        Running[_process] = 0;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseUri { get; }

    /// <summary>The server's resident memory now (VmRSS of <c>/proc/&lt;pid&gt;/status</c>), in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>
    /// The server's managed heap after a full, blocking collection, in bytes: the collection is induced through the
    /// runtime's diagnostics port (an EventPipe session with the GCHeapCollect keyword, as dotnet-gcdump does), and the
    /// size is the sum over generations of <c>dotnet_gc_last_collection_heap_size_bytes</c> at <c>/metrics</c>. Unlike
    /// resident memory, it is not inflated by garbage not yet collected or by memory the GC keeps for later.
    /// </summary>
    public async Task<long> ManagedHeapAfterFullCollectionAsync()
    {
        const long GcKeyword = 0x1, GcHeapCollectKeyword = 0x800000;
        var client = new DiagnosticsClient(_process.Id);
        using (var session = client.StartEventPipeSession(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword), requestRundown: false))
        {
            var drained = session.EventStream.CopyToAsync(Stream.Null);
            await Task.Delay(TimeSpan.FromSeconds(3));
            await session.StopAsync(CancellationToken.None);
            await drained;
        }

        var metrics = await _poll.GetStringAsync(new Uri(BaseUri, "/metrics"));
        var sizes = metrics.Split('\n')
            .Where(line => line.StartsWith("dotnet_gc_last_collection_heap_size_bytes{", StringComparison.Ordinal))
            .Select(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .ToList();
        return sizes.Count == 0
            ? throw new BenchException("/metrics has no dotnet_gc_last_collection_heap_size_bytes (runtime metrics off?)")
            : (long)sizes.Sum();
    }

    /// <summary>
    /// CPU time (user + system, all threads) the server process has used so far: on Linux, .NET reads it from the
    /// utime and stime fields of <c>/proc/&lt;pid&gt;/stat</c> (clock ticks, 10 ms). The <c>dotnet</c> host runs the
    /// server in its own process, so this is the server's whole CPU time; the database's processes are not in it.
    /// </summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// Waits until the server used less than a tenth of a core over the last second (four 250 ms samples), at most
    /// <paramref name="timeout"/>; returns how long it waited, whether it got there, and the CPU time it used in that
    /// last second (ms per s: its background work, timers and queue polling, which any window also contains). Between
    /// measured windows: requests the client gave up on may still run in the server, and their CPU time must not land
    /// in the next window.
    /// </summary>
    public async Task<(TimeSpan Waited, bool Idle, double IdleCpuMsPerSecond)> WaitIdleAsync(TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        var sample = TimeSpan.FromMilliseconds(250);
        var last = new Queue<(long At, TimeSpan Cpu)>();
        last.Enqueue((Stopwatch.GetTimestamp(), CpuTime));
        while (true)
        {
            await Task.Delay(sample);
            last.Enqueue((Stopwatch.GetTimestamp(), CpuTime));
            if (last.Count > 5)
            {
                last.Dequeue();
            }

            var (firstAt, firstCpu) = last.Peek();
            var (nowAt, nowCpu) = last.Last();
            var seconds = (nowAt - firstAt) / (double)Stopwatch.Frequency;
            var rate = (nowCpu - firstCpu).TotalMilliseconds / seconds;
            if (last.Count == 5 && rate < 100)
            {
                return (Stopwatch.GetElapsedTime(started), true, rate);
            }

            if (Stopwatch.GetElapsedTime(started) >= timeout)
            {
                return (Stopwatch.GetElapsedTime(started), false, rate);
            }
        }
    }

    /// <summary>From now on, counts the output lines that contain <paramref name="text"/> (ordinal).</summary>
    public void CountLinesContaining(string text) => _counted.TryAdd(text, 0);

    /// <summary>Output lines containing <paramref name="text"/> since <see cref="CountLinesContaining"/>.</summary>
    public long LinesContaining(string text) => _counted.GetValueOrDefault(text);

    /// <summary>The last lines the server wrote, for error messages.</summary>
    public string Tail => string.Join(Environment.NewLine, _tail);

    public static ServerProcess Start(BenchOptions options, IReadOnlyDictionary<string, string?> environment, string workingDirectory) =>
        new(options, environment, workingDirectory);

    /// <summary>
    /// Runs a one-shot verb of the server (<c>dotnet portico.dll seed-demo</c>, say, or <c>create-admin
    /// --email … --password …</c>) with the same
    /// environment and working directory a server would get; returns its duration, or throws with its
    /// output when it fails or takes longer than <paramref name="timeout"/>.
    /// </summary>
    public static async Task<TimeSpan> RunVerbAsync(BenchOptions options, IReadOnlyDictionary<string, string?> environment, string workingDirectory, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var verb = arguments[0]; // the messages name the verb only: later arguments may be passwords
        var output = new ConcurrentQueue<string>();
        using var process = new Process { StartInfo = StartInfo(options, environment, workingDirectory, arguments) };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        var started = Stopwatch.GetTimestamp();
        process.Start();
        Running[process] = 0;
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                throw new BenchException($"'{verb}' did not finish within {timeout.TotalSeconds:0} s and was killed. Its last output:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            if (process.ExitCode != 0)
            {
                throw new BenchException($"'{verb}' exited with code {process.ExitCode}. Its last output:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
            }

            return elapsed;
        }
        finally
        {
            Running.TryRemove(process, out _);
        }

        void Keep(string? line)
        {
            if (line is not null)
            {
                output.Enqueue(line);
                while (output.Count > TailLines && output.TryDequeue(out _))
                {
                }
            }
        }
    }

    /// <summary>Polls <c>/health/ready</c> every 10 ms; returns the time from process start to the first 200.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout)
    {
        var ready = new Uri(BaseUri, "/health/ready");
        string? lastFailure = null;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new BenchException($"The server exited with code {_process.ExitCode} before it was ready. Its last output:{Environment.NewLine}{Tail}");
            }

            try
            {
                using var response = await _poll.GetAsync(ready);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetElapsedTime(_startedAt);
                }

                lastFailure = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                lastFailure = ex.Message;
            }
            catch (TaskCanceledException)
            {
                lastFailure = "request timed out";
            }

            if (Stopwatch.GetElapsedTime(_startedAt) > timeout)
            {
                throw new BenchException($"The server was not ready after {timeout.TotalSeconds:0} s (last: {lastFailure}). Its last output:{Environment.NewLine}{Tail}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>SIGTERM (the way a supervisor stops it), then waits; returns the time to exit and the exit code.</summary>
    public async Task<(TimeSpan Elapsed, int ExitCode)> StopAsync()
    {
        if (_process.HasExited)
        {
            return (TimeSpan.Zero, _process.ExitCode);
        }

        var signalled = Stopwatch.GetTimestamp();
        if (OperatingSystem.IsWindows())
        {
            _process.Kill(entireProcessTree: true);
        }
        else
        {
            await SendSigtermAsync(_process.Id);
        }

        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            throw new BenchException($"The server did not stop within {StopTimeout.TotalSeconds:0} s of SIGTERM and was killed.");
        }

        return (Stopwatch.GetElapsedTime(signalled), _process.ExitCode);
    }

    /// <summary>
    /// SIGKILL, as a crash or a power cut would end it: no shutdown code runs, in-flight requests and transactions are
    /// cut off. Returns once the process is gone.
    /// </summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true); // SIGKILL on Linux
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped: nothing to stop.
        }

        Running.TryRemove(_process, out _);
        _process.Dispose();
        _poll.Dispose();
        if (_log is not null)
        {
            lock (_log)
            {
                _log.Dispose(); // under the lock: an output line may still be on its way
            }
        }
    }

    private static async Task SendSigtermAsync(int pid)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add("-TERM");
        start.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(start) ?? throw new BenchException("Could not run kill.");
        var error = await kill.StandardError.ReadToEndAsync();
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new BenchException($"kill -TERM {pid} failed: {error.Trim()}");
        }
    }

    private static void KillRunning()
    {
        foreach (var process in Running.Keys)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    /// <summary><c>dotnet portico.dll</c> with <paramref name="arguments"/>, output redirected, the environment adjusted (null removes a variable).</summary>
    private static ProcessStartInfo StartInfo(BenchOptions options, IReadOnlyDictionary<string, string?> environment, string workingDirectory, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(options.Dotnet)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(options.Server);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        return start;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (_log is not null)
        {
            lock (_log)
            {
                try
                {
                    _log.WriteLine(line);
                }
                catch (ObjectDisposedException)
                {
                    // A line that arrived after the server was disposed.
                }
            }
        }

        foreach (var text in _counted.Keys)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                _counted.AddOrUpdate(text, 1, (_, n) => n + 1);
            }
        }

        _tail.Enqueue(line);
        while (_tail.Count > TailLines && _tail.TryDequeue(out _))
        {
        }
    }
}
