using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Portico.Bench;

/// <summary>
/// PBKDF2 timings taken in the benchmark process (wall clock per hash, and this process's CPU time over
/// all of them), with the login rate they allow.
/// </summary>
internal sealed record HashResult(Summary Ms, double CpuMsPerHash, int Cores)
{
    /// <summary>Cores / hash time: what the cores could do if they did nothing but verify passwords.</summary>
    public double MaxLoginsPerSecond => Cores * 1000 / Ms.Median;
}

/// <summary>One measured run, with the CPU time the server and the benchmark process spent on it per request.</summary>
internal sealed record IdentityRun(LoadResult Load, int Loops, double ServerCpuMsPerRequest, double BenchCpuMsPerRequest, string? LoadStart = null, string? LoadEnd = null)
{
    /// <summary>The figures a comparison shows for this run.</summary>
    public Measurement Measurement(string name) => new(name, LoadStart, LoadEnd,
    [
        Figure.Rate("requests", Load.RequestsPerSecond), Figure.Ms("p50", Load.LatencyMs.Median), Figure.Ms("p99", Load.LatencyMs.P99),
        Figure.Ms("server CPU per request", ServerCpuMsPerRequest), Figure.Count("errors", Load.Failures),
    ]);
}

/// <summary>Everything the identity scenario measured for one provider.</summary>
internal sealed record IdentityResults(
    HashResult Hash,
    TimeSpan SeedDemo,
    TimeSpan Ready,
    IdentityRun Login,
    IdentityRun Refresh,
    IdentityRun Me,
    TimeSpan RefreshSetup,
    TimeSpan MeSetup);

/// <summary>
/// Sign-in, refresh-token rotation and authenticated requests against one server on a database seeded
/// by <c>portico.dll seed-demo</c> (15 demo users, all with the same password). Rate limits are switched
/// off for the server (<c>Portico__RateLimits__Enabled=false</c>); account lockout stays on, which is
/// harmless because only correct passwords are sent.
/// </summary>
internal static class IdentityBenchmark
{
    /// <summary>As the server's PasswordHasher (IdentityV3): PBKDF2-HMAC-SHA512, 210 000 iterations, 16-byte salt, 32-byte key.</summary>
    public const int Iterations = 210_000;

    /// <summary>The demo seed's password (IdentityDemoSeeder.Password in the server).</summary>
    public const string DemoPassword = "portico demo password";

    /// <summary>The 15 accounts <c>seed-demo</c> creates: owner, admin and staff of each demo tenant.</summary>
    public static readonly string[] DemoUsers =
    [
        .. ((string[])["demo-studio", "demo-workshop", "demo-inbox", "demo-bots", "demo-gaming"])
            .SelectMany(tenant => ((string[])["owner", "admin", "staff"]).Select(role => $"{role}@{tenant}.portico.test")),
    ];

    private static readonly TimeSpan SeedTimeout = TimeSpan.FromMinutes(3);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    /// <summary>Login bodies, serialised once.</summary>
    private static readonly byte[][] LoginBodies =
        [.. DemoUsers.Select(email => JsonSerializer.SerializeToUtf8Bytes(new { email, password = DemoPassword }, Json))];

    public static async Task<ScenarioRun> RunAsync(BenchOptions options)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = Report.LoadAverage();
        var warnings = new List<string>();

        // First, while no server runs: the hash alone, in this process, on an otherwise idle runtime.
        var hash = MeasureHash(options.HashSamples);
        Log($"PBKDF2-HMAC-SHA512 x {Iterations:N0}: median {hash.Ms.Median:0.0} ms (min {hash.Ms.Min:0.0}, max {hash.Ms.Max:0.0}) over {hash.Ms.Count} hashes, {hash.CpuMsPerHash:0.0} ms CPU each; at most {hash.MaxLoginsPerSecond:0.0} logins/s on {hash.Cores} cores");

        await using IDatabaseFactory databases = options.Provider == Provider.Sqlite
            ? new SqliteDatabases()
            : new PostgresDatabases(options.Psql);
        Log($"{options.Provider}: {databases.Description}");
        var database = await databases.CreateFreshAsync("identity");
        var environment = Benchmark.EnvironmentFor(database);
        environment["Portico__RateLimits__Enabled"] = "false";

        var seed = await ServerProcess.RunVerbAsync(options, environment, database.WorkingDirectory, ["seed-demo"], SeedTimeout);
        Log($"seed-demo (migrations + demo data for every module): {seed.TotalSeconds:0.0} s");

        IdentityRun login, refresh, me;
        TimeSpan refreshSetup, meSetup, ready;
        await using (var server = ServerProcess.Start(options, environment, database.WorkingDirectory))
        {
            ready = await server.WaitReadyAsync(Benchmark.ReadyTimeout);
            using var client = Load.CreateClient(Math.Max(options.Connections, options.LoginConnections), timeout: TimeSpan.FromSeconds(60));
            client.DefaultRequestHeaders.UserAgent.ParseAdd("portico-bench");
            var api = new Api(client, server.BaseUri);

            // 1. Sign-in: each step is one POST /auth/login with the next of the 15 users.
            var loginLoops = Enumerable.Range(0, options.LoginConnections).ToArray();
            login = await MeasureAsync(options, server, "POST /api/v1/auth/login", loginLoops, async _ => (await api.LoginAsync(api.NextUser())).Failure);
            Warn(login, warnings, api, server);

            // 2. Refresh: each loop signs in once, then keeps rotating its own refresh token.
            var setup = Stopwatch.GetTimestamp();
            var refreshLoops = await api.SignInLoopsAsync(options.LoginConnections);
            refreshSetup = Stopwatch.GetElapsedTime(setup);
            refresh = await MeasureAsync(options, server, "POST /api/v1/auth/refresh", refreshLoops, api.RefreshAsync);
            Warn(refresh, warnings, api, server);
            var relogins = refreshLoops.Sum(l => l.Relogins);
            if (relogins > 0)
            {
                warnings.Add($"{relogins} refresh chains were restarted with a new sign-in after a failed refresh.");
            }

            // 3. Authenticated reads: each loop signs in once and sends its access token on every GET /me.
            setup = Stopwatch.GetTimestamp();
            var meLoops = await api.SignInLoopsAsync(options.Connections);
            meSetup = Stopwatch.GetElapsedTime(setup);
            me = await MeasureAsync(options, server, "GET /api/v1/me", meLoops, api.MeAsync);
            Warn(me, warnings, api, server);

            var (_, exitCode) = await server.StopAsync();
            if (exitCode != 0)
            {
                warnings.Add($"The server exited with code {exitCode} after SIGTERM.");
            }
        }

        foreach (var warning in warnings)
        {
            await Console.Error.WriteLineAsync($"warning: {warning}");
        }

        var results = new IdentityResults(hash, seed, ready, login, refresh, me, refreshSetup, meSetup);
        return new ScenarioRun(
            Report.RenderIdentity(options, databases.Description, startedAt, results, warnings, loadBefore),
            [
                new Measurement("PBKDF2 hash in the benchmark process", null, null, [Figure.Ms("median", hash.Ms.Median)]),
                login.Measurement($"`POST /api/v1/auth/login`, {options.LoginConnections} loops"),
                refresh.Measurement($"`POST /api/v1/auth/refresh`, {options.LoginConnections} loops"),
                me.Measurement($"`GET /api/v1/me`, {options.Connections} loops"),
            ]);
    }

    /// <summary>One warm-up (if any), then the measured run, over the same loops.</summary>
    private static async Task<IdentityRun> MeasureAsync<TLoop>(BenchOptions options, ServerProcess server, string label, IReadOnlyList<TLoop> loops, Func<TLoop, Task<string?>> step)
    {
        if (options.WarmupSeconds > 0)
        {
            await Load.RunAsync(label, loops, TimeSpan.FromSeconds(options.WarmupSeconds), step);
        }

        using var self = Process.GetCurrentProcess();
        var loadStart = Report.LoadAverage();
        var serverCpu = server.CpuTime;
        var benchCpu = self.TotalProcessorTime;
        var result = await Load.RunAsync(label, loops, TimeSpan.FromSeconds(options.DurationSeconds), step);
        self.Refresh();
        var requests = Math.Max(1, result.Successes + result.Failures);
        var run = new IdentityRun(
            result,
            loops.Count,
            (server.CpuTime - serverCpu).TotalMilliseconds / requests,
            (self.TotalProcessorTime - benchCpu).TotalMilliseconds / requests,
            loadStart,
            Report.LoadAverage());
        Log($"{label}, {loops.Count} loops: {result.RequestsPerSecond:0.0}/s, p50 {result.LatencyMs.Median:0.00} ms, p99 {result.LatencyMs.P99:0.00} ms, {result.Failures} errors; CPU per request: server {run.ServerCpuMsPerRequest:0.00} ms, bench {run.BenchCpuMsPerRequest:0.00} ms");
        return run;
    }

    private static void Warn(IdentityRun run, List<string> warnings, Api api, ServerProcess server)
    {
        var result = run.Load;
        if (result.Failures > 0)
        {
            var kinds = string.Join(", ", result.FailureKinds.Select(kv => $"{kv.Key} x{kv.Value}" + (api.FirstBodies.TryGetValue(kv.Key, out var body) ? $" (first answer: {body})" : "")));
            warnings.Add($"{result.Path}: {result.Failures} failed requests ({kinds}). Server output tail:\n{server.Tail}");
        }
    }

    private static HashResult MeasureHash(int samples)
    {
        var salt = new byte[16];
        RandomNumberGenerator.Fill(salt);
        Rfc2898DeriveBytes.Pbkdf2(DemoPassword, salt, Iterations, HashAlgorithmName.SHA512, 32); // loads OpenSSL, JITs the path
        var ms = new List<double>(samples);
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        for (var i = 0; i < samples; i++)
        {
            RandomNumberGenerator.Fill(salt);
            var start = Stopwatch.GetTimestamp();
            Rfc2898DeriveBytes.Pbkdf2(DemoPassword, salt, Iterations, HashAlgorithmName.SHA512, 32);
            ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        self.Refresh();
        return new HashResult(Summary.Of(ms), (self.TotalProcessorTime - cpu).TotalMilliseconds / samples, Environment.ProcessorCount);
    }

    private static void Log(string message) => Benchmark.Log(message);

    /// <summary>The answer of login and refresh.</summary>
    private sealed record TokenPair(string? AccessToken, string? RefreshToken, int? ExpiresIn, string? TokenType, bool? MfaRequired);

    /// <summary>One loop's signed-in session: the current refresh token (rotated on every refresh) and access token.</summary>
    private sealed class SignedIn(int user, TokenPair tokens)
    {
        public int User { get; } = user;

        public TokenPair Tokens { get; set; } = tokens;

        public bool Broken { get; set; }

        public int Relogins { get; set; }
    }

    /// <summary>The three calls, over one shared client.</summary>
    private sealed class Api(HttpClient client, Uri baseUri)
    {
        private readonly Uri _login = new(baseUri, "/api/v1/auth/login");
        private readonly Uri _refresh = new(baseUri, "/api/v1/auth/refresh");
        private readonly Uri _me = new(baseUri, "/api/v1/me");
        private int _next = -1;

        /// <summary>The first answer body seen for each failure kind, for the warnings.</summary>
        public ConcurrentDictionary<string, string> FirstBodies { get; } = new();

        /// <summary>Users in turn across all loops, so every loop cycles through all 15.</summary>
        public int NextUser() => (int)((uint)Interlocked.Increment(ref _next) % (uint)DemoUsers.Length);

        public async Task<(string? Failure, TokenPair? Tokens)> LoginAsync(int user)
        {
            using var content = new ByteArrayContent(LoginBodies[user]);
            content.Headers.ContentType = JsonType;
            using var response = await client.PostAsync(_login, content);
            return await TokensAsync(response);
        }

        /// <summary>Signs in <paramref name="count"/> loops at once (untimed set-up); any failure aborts the benchmark.</summary>
        public async Task<SignedIn[]> SignInLoopsAsync(int count) =>
            await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
            {
                var user = NextUser();
                var (failure, tokens) = await LoginAsync(user);
                return tokens is not null
                    ? new SignedIn(user, tokens)
                    : throw new BenchException($"Sign-in of {DemoUsers[user]} failed: {failure}{(FirstBodies.TryGetValue(failure!, out var body) ? $" ({body})" : "")}");
            }));

        /// <summary>
        /// One rotation: the answer's refresh token replaces the loop's. After a failure the token may
        /// or may not have been used, and presenting a used one revokes the session, so the loop signs
        /// in again (inside the failed step, whose latency is not recorded).
        /// </summary>
        public async Task<string?> RefreshAsync(SignedIn loop)
        {
            if (loop.Broken && await ReloginAsync(loop) is { } loginFailure)
            {
                return $"re-login {loginFailure}";
            }

            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { refreshToken = loop.Tokens.RefreshToken }, Json));
            content.Headers.ContentType = JsonType;
            string? failure;
            TokenPair? tokens;
            try
            {
                using var response = await client.PostAsync(_refresh, content);
                (failure, tokens) = await TokensAsync(response);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                loop.Broken = true;
                await ReloginAsync(loop);
                throw;
            }

            if (tokens is not null)
            {
                loop.Tokens = tokens;
                return null;
            }

            loop.Broken = true;
            await ReloginAsync(loop);
            return failure;
        }

        public async Task<string?> MeAsync(SignedIn loop)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _me);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", loop.Tokens.AccessToken);
            using var response = await client.SendAsync(request); // buffers the body: latency covers the whole answer
            return response.StatusCode == HttpStatusCode.OK ? null : await FailureAsync(response);
        }

        private async Task<string?> ReloginAsync(SignedIn loop)
        {
            try
            {
                var (failure, tokens) = await LoginAsync(loop.User);
                if (tokens is null)
                {
                    return failure;
                }

                loop.Tokens = tokens;
                loop.Broken = false;
                loop.Relogins++;
                return null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return ex is HttpRequestException http ? http.HttpRequestError.ToString() : "timeout";
            }
        }

        private async Task<(string? Failure, TokenPair? Tokens)> TokensAsync(HttpResponseMessage response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (await FailureAsync(response), null);
            }

            var tokens = await response.Content.ReadFromJsonAsync<TokenPair>(Json);
            return tokens is { AccessToken: { Length: > 0 }, RefreshToken: { Length: > 0 } }
                ? (null, tokens)
                : (tokens?.MfaRequired == true ? "200 mfaRequired" : "200 without tokens", null);
        }

        private async Task<string> FailureAsync(HttpResponseMessage response)
        {
            var kind = $"HTTP {(int)response.StatusCode}";
            if (!FirstBodies.ContainsKey(kind))
            {
                var body = await response.Content.ReadAsStringAsync();
                FirstBodies.TryAdd(kind, body.Length > 300 ? body[..300] + "..." : body);
            }

            return kind;
        }
    }
}
