using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>Runs the built <c>portico</c> executable as a child process.</summary>
internal static class PorticoProcess
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "portico.dll");

    private static ProcessStartInfo StartInfo(string directory, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["Portico__Logging__Format"] = "text";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    public static async Task<(int Exit, string Output, string Error)> RunAsync(string directory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(directory, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = Patience.Token();
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts <c>serve</c> on a free loopback port. The port is free when picked, but on a busy machine another process
    /// (or an outgoing connection) can take it before the server binds: a start refused for that is tried on a new port.
    /// </summary>
    public static async Task<RunningServer> ServeAsync(string directory, IReadOnlyDictionary<string, string> environment)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ServeOnAFreePortAsync(directory, environment);
            }
            catch (InvalidOperationException refused) when (attempt < 3 && refused.Message.Contains("address already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    private static async Task<RunningServer> ServeOnAFreePortAsync(string directory, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var process = Process.Start(StartInfo(directory, environment, ["serve", "--urls", $"http://127.0.0.1:{port}"]))!;
        var server = new RunningServer(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        // A server that fails to start exits; one that is alive is still migrating or seeding, which takes a busy CI
        // machine far longer than a quiet one. So: wait while it lives, with a generous cap.
        var deadline = DateTime.UtcNow + Patience.Cap;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await server.Client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"The server did not become ready: {server.Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal sealed class RunningServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    public RunningServer(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
        process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public HttpClient Client { get; }

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    /// <summary>Sends SIGTERM, as an orchestrator does, and returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        using var timeout = Patience.Token();
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash or an OOM kill, with no chance to finish anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
