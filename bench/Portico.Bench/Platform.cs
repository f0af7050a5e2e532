using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portico.Bench;

/// <summary>
/// What the events and hub-fanout scenarios share: a fresh database with a platform administrator
/// (<c>portico.dll create-admin</c>), one server, a signed-in client and a tenant the administrator owns.
/// </summary>
internal sealed class Platform : IAsyncDisposable
{
    public const string AdminEmail = "bench-admin@portico.test";
    public const string AdminPassword = "portico bench password";

    private static readonly TimeSpan VerbTimeout = TimeSpan.FromMinutes(3);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly IDatabaseFactory _databases;

    private Platform(IDatabaseFactory databases, DatabaseTarget database, ServerProcess server, HttpClient client, string token, string slug, TimeSpan createAdmin, TimeSpan ready)
    {
        _databases = databases;
        Database = database;
        Server = server;
        Client = client;
        AccessToken = token;
        Tenant = slug;
        CreateAdmin = createAdmin;
        Ready = ready;
    }

    public ServerProcess Server { get; }

    /// <summary>The server's database; its working directory holds <c>./data</c> (the mail pickup folder among it).</summary>
    public DatabaseTarget Database { get; }

    /// <summary>Where the database came from: SQL against it goes through <see cref="PostgresDatabases.ExecuteAsync"/>.</summary>
    public IDatabaseFactory Databases => _databases;

    /// <summary>Signed in as the administrator (bearer token), at most the given number of connections.</summary>
    public HttpClient Client { get; }

    public string AccessToken { get; }

    /// <summary>The slug of the benchmark's tenant, whose Owner the administrator is; empty when none was asked for.</summary>
    public string Tenant { get; }

    public string DatabaseDescription => _databases.Description;

    public TimeSpan CreateAdmin { get; }

    public TimeSpan Ready { get; }

    /// <summary>
    /// Fresh database, <c>create-admin</c>, server (rate limits as in production unless <paramref name="settings"/>
    /// change them: the benchmark signs in once), sign-in and, unless <paramref name="vertical"/> is null,
    /// <c>POST /api/v1/tenants</c> of a tenant of that vertical.
    /// </summary>
    public static async Task<Platform> StartAsync(BenchOptions options, string label, int connections, IReadOnlyDictionary<string, string?>? settings = null, string? vertical = "studio")
    {
        IDatabaseFactory databases = options.Provider == Provider.Sqlite ? new SqliteDatabases() : new PostgresDatabases(options.Psql);
        ServerProcess? server = null;
        HttpClient? client = null;
        try
        {
            Log($"{options.Provider}: {databases.Description}");
            var database = await databases.CreateFreshAsync(label);
            var environment = Benchmark.EnvironmentFor(database);
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                environment[key] = value;
            }

            var createAdmin = await ServerProcess.RunVerbAsync(
                options, environment, database.WorkingDirectory, ["create-admin", "--email", AdminEmail, "--password", AdminPassword], VerbTimeout);
            Log($"create-admin (migrations + one password hash): {createAdmin.TotalSeconds:0.0} s");

            server = ServerProcess.Start(options, environment, database.WorkingDirectory);
            var ready = await server.WaitReadyAsync(Benchmark.ReadyTimeout);
            client = Load.CreateClient(connections, timeout: TimeSpan.FromSeconds(60));
            client.BaseAddress = server.BaseUri;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("portico-bench");

            using (var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = AdminEmail, password = AdminPassword }, Json))
            {
                await ExpectAsync(login, HttpStatusCode.OK, "sign-in");
                var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString()
                    ?? throw new BenchException("The sign-in answer has no accessToken.");
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (vertical is null)
                {
                    Log($"server ready in {ready.TotalMilliseconds:0} ms; signed in");
                    return new Platform(databases, database, server, client, token, "", createAdmin, ready);
                }

                var slug = $"bench-{label}";
                using var created = await client.PostAsJsonAsync("/api/v1/tenants", new { name = $"Bench {label}", slug, vertical }, Json);
                await ExpectAsync(created, HttpStatusCode.Created, "POST /api/v1/tenants");
                Log($"server ready in {ready.TotalMilliseconds:0} ms; signed in; tenant {slug} created");
                return new Platform(databases, database, server, client, token, slug, createAdmin, ready);
            }
        }
        catch
        {
            client?.Dispose();
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            await databases.DisposeAsync();
            throw;
        }
    }

    /// <summary>A POST of one custom event, serialised by the caller; returns the event id on 202, else the failure kind.</summary>
    public async Task<(Guid? Id, string? Failure)> PublishAsync(byte[] body, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonType;
        try
        {
            using var response = await Client.PostAsync($"/api/v1/tenants/{Tenant}/events", content, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return (null, $"HTTP {(int)response.StatusCode}");
            }

            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            return (answer.GetProperty("id").GetGuid(), null);
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timeout");
        }
    }

    /// <summary>The body of a custom event: <c>{"type":…,"data":…}</c>.</summary>
    public static byte[] EventBody(string type, object data) => JsonSerializer.SerializeToUtf8Bytes(new { type, data }, Json);

    /// <summary>Dead letters in the whole message store (<c>GET /api/v1/admin/dead-letters</c>), or null if unreadable.</summary>
    public async Task<int?> DeadLettersAsync()
    {
        try
        {
            using var response = await Client.GetAsync("/api/v1/admin/dead-letters?pageSize=1");
            return response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("totalCount").GetInt32()
                : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>SIGTERM; a non-zero exit code becomes a warning.</summary>
    public async Task StopAsync(List<string> warnings)
    {
        try
        {
            var (elapsed, exitCode) = await Server.StopAsync();
            Log($"server stopped {elapsed.TotalMilliseconds:0} ms after SIGTERM, exit code {exitCode}");
            if (exitCode != 0)
            {
                warnings.Add($"The server exited with code {exitCode} after SIGTERM.");
            }
        }
        catch (BenchException ex)
        {
            // The figures are in; a slow shutdown is worth knowing but does not void them.
            warnings.Add(ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await _databases.DisposeAsync();
    }

    /// <summary>CPU time of this process so far.</summary>
    public static TimeSpan OwnCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    internal static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new BenchException($"{what} answered {(int)response.StatusCode} instead of {(int)expected}: {(body.Length > 300 ? body[..300] + "..." : body)}");
        }
    }

    private static void Log(string message) => Benchmark.Log(message);
}
