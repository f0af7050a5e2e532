using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portico.Identity.Contracts;
using Portico.Kernel.Tenancy;
using Portico.MailTests;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>
/// The real application over real HTTP (in-memory transport) on a database of its own.
/// One subclass per provider; test classes run once per provider by deriving from a generic base.
/// </summary>
public abstract class PorticoFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@portico.test";
    public const string AdminPassword = "correct horse battery staple";
    /// <summary>Made per run, so no token-shaped string is committed.</summary>
    public static readonly string TelegramBotToken = "123456:" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Portico:Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        ["Portico:Logging:Format"] = "text",
        ["Portico:Auth:Telegram:BotToken"] = TelegramBotToken,
        ["Portico:BaseDomain"] = "portico.test",
        // Every test shares one client address; per-address limits are tested on their own (HttpEdgeTests).
        ["Portico:RateLimits:SignInPerIpPerMinute"] = "10000",
        ["Portico:RateLimits:CodeSendingPerIpPerHour"] = "10000",
        ["Portico:RateLimits:RegistrationPerIpPerHour"] = "10000",
        // The administrator's token is issued when a class's host starts; on a busy machine the class may run long after.
        ["Portico:Auth:AccessTokenLifetime"] = "04:00:00",
        // Every answer says how many statements it cost (RequestCostTests read it).
        ["Portico:Diagnostics:ServerTiming"] = "true",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
    };

    public string AdminToken { get; private set; } = "";

    /// <summary>A real SMTP server on loopback that receives every email the application sends.</summary>
    public LoopbackSmtpServer Smtp { get; } = new();

    /// <summary>A local OpenID Connect provider, configured as provider "test".</summary>
    public FakeOidcProvider Oidc { get; } = new();

    /// <summary>A local Graph API that checks app tokens and appsecret_proof like Facebook's.</summary>
    public FakeFacebookGraph Facebook { get; } = new();

    /// <summary>A local Twilio Messages API that checks Basic auth and form fields.</summary>
    public FakeTwilio Twilio { get; } = new();

    public abstract string ProviderName { get; }

    /// <summary>The application's own connection string (on PostgreSQL: the non-owner role).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Adds or overrides a setting; call before the first client is created.</summary>
    public void Set(string key, string? value) => _settings[key] = value;

    protected abstract Task<(string Application, string Migrations)> CreateDatabaseAsync();

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public virtual async Task InitializeAsync()
    {
        await Smtp.InitializeAsync();
        await Oidc.StartAsync();
        await Facebook.StartAsync();
        await Twilio.StartAsync();
        _settings["Portico:Sms:Twilio:AccountSid"] = FakeTwilio.AccountSid;
        _settings["Portico:Sms:Twilio:AuthToken"] = FakeTwilio.AuthToken;
        _settings["Portico:Sms:Twilio:From"] = FakeTwilio.From;
        _settings["Portico:Sms:Twilio:ApiUrl"] = Twilio.Url;
        _settings["Portico:Auth:Facebook:AppId"] = FakeFacebookGraph.AppId;
        _settings["Portico:Auth:Facebook:AppSecret"] = FakeFacebookGraph.AppSecret;
        _settings["Portico:Auth:Facebook:GraphUrl"] = Facebook.Url;

        // Operator-configured providers on loopback pass the outbound policy as trusted hosts (host:port), nothing else on loopback does.
        _settings["Portico:Outbound:TrustedProviderHosts:0"] = new Uri(Twilio.Url).Authority;
        _settings["Portico:Outbound:TrustedProviderHosts:1"] = new Uri(Facebook.Url).Authority;
        _settings["Portico:Auth:Oidc:Providers:test:Authority"] = Oidc.Authority;
        _settings["Portico:Auth:Oidc:Providers:test:ClientId"] = FakeOidcProvider.ClientId;
        _settings["Portico:Auth:Oidc:Providers:test:RequireHttps"] = "false";
        _settings["Portico:Auth:Oidc:Providers:down:Authority"] = "http://127.0.0.1:1";
        _settings["Portico:Auth:Oidc:Providers:down:ClientId"] = FakeOidcProvider.ClientId;
        _settings["Portico:Auth:Oidc:Providers:down:RequireHttps"] = "false";
        _settings["Portico:Mail:Smtp:Host"] = "127.0.0.1";
        _settings["Portico:Mail:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _settings["Portico:Mail:Smtp:Username"] = LoopbackSmtpServer.Username;
        _settings["Portico:Mail:Smtp:Password"] = LoopbackSmtpServer.Password;
        _settings["Portico:Mail:Smtp:Security"] = "none";
        var (application, migrations) = await CreateDatabaseAsync();
        ConnectionString = application;
        _settings["Portico:Database:Provider"] = ProviderName;
        _settings["ConnectionStrings:Portico"] = application;
        _settings["ConnectionStrings:PorticoMigrations"] = migrations;

        await using (var scope = Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
            context.SetActor("system:test");
            context.EnterPlatformScope();
            await scope.ServiceProvider.GetRequiredService<IPlatformAdmins>().CreateOrPromoteAsync(AdminEmail, AdminPassword, default);
        }

        AdminToken = await LoginAsync(AdminEmail, AdminPassword);
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await DropDatabaseAsync();
        await Smtp.DisposeAsync();
        await Oidc.DisposeAsync();
        await Facebook.DisposeAsync();
        await Twilio.DisposeAsync();
    }

    /// <summary>Every line the host logs (any category, with its exception), once <see cref="CaptureLogs"/> was called before the host starts.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Logs { get; } = new();

    private bool _captureLogs;

    /// <summary>Keeps every log line in <see cref="Logs"/>, HTTP clients' request lines included: for tests that prove a secret never reaches a log.</summary>
    public void CaptureLogs()
    {
        _captureLogs = true;
        Set("Logging:LogLevel:Default", "Information");
        Set("Logging:LogLevel:System.Net.Http.HttpClient", "Trace");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_captureLogs)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(new LineCapture(Logs)));
        }
    }

    private sealed class LineCapture(System.Collections.Concurrent.ConcurrentQueue<string> lines) : Microsoft.Extensions.Logging.ILoggerProvider, Microsoft.Extensions.Logging.ILogger
    {
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{formatter(state, exception)} {exception}");

        public void Dispose()
        {
        }
    }

    public async Task<string> LoginAsync(string email, string password)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A client signed in as a new platform administrator of its own, for walks over every route that may end
    /// their caller's sessions or delete its account (sign-out-everywhere, erasure) without touching the shared one.</summary>
    public async Task<HttpClient> OwnAdminClientAsync()
    {
        var email = $"admin-{Guid.NewGuid():N}@portico.test";
        await using (var scope = Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
            context.SetActor("system:test");
            context.EnterPlatformScope();
            await scope.ServiceProvider.GetRequiredService<IPlatformAdmins>().CreateOrPromoteAsync(email, AdminPassword, default);
        }

        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(email, AdminPassword));
        return client;
    }

    /// <summary>A client signed in as the platform administrator.</summary>
    public HttpClient AdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }
}

/// <summary>SQLite in a temporary file, as a laptop runs it.</summary>
public class SqliteFactory : PorticoFactory
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"portico-test-{Guid.NewGuid():N}.db");

    public override string ProviderName => "Sqlite";

    protected override Task<(string, string)> CreateDatabaseAsync()
    {
        var connection = $"Data Source={_file}";
        return Task.FromResult((connection, connection));
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// A fresh database in the PostgreSQL cluster started by scripts/test.sh: created and migrated by the
/// owner role, used by the application through the non-owner role, as in production.
/// </summary>
public sealed class PostgresFactory : PorticoFactory
{
    private readonly string _database = $"portico_t_{Guid.NewGuid():N}";

    public override string ProviderName => "Postgres";

    public static string OwnerConnectionString => Environment.GetEnvironmentVariable("PORTICO_TEST_PG_OWNER")
        ?? throw new InvalidOperationException("PORTICO_TEST_PG_OWNER is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");

    public static string ApplicationConnectionString => Environment.GetEnvironmentVariable("PORTICO_TEST_PG_APP")
        ?? throw new InvalidOperationException("PORTICO_TEST_PG_APP is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");

    protected override async Task<(string, string)> CreateDatabaseAsync()
    {
        await CreateAsync(_database);
        return (WithDatabase(ApplicationConnectionString), WithDatabase(OwnerConnectionString));
    }

    /// <summary>Creates a test database owned by the owner role, as the migrations of production expect.</summary>
    public static async Task CreateAsync(string database)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override Task DropDatabaseAsync() => DropAsync(_database);

    /// <summary>
    /// Drops a test database even while a session of the application role lingers in it (the message bus
    /// pools its own connections): as the superuser, who may end any session, and retrying once the
    /// lingering session has gone.
    /// </summary>
    public static async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        var admin = Environment.GetEnvironmentVariable("PORTICO_TEST_PG_SUPER") ?? OwnerConnectionString;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException) when (attempt < 5)
            {
                await Task.Delay(500 * attempt);
            }
        }
    }

    private string WithDatabase(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = _database }.ConnectionString;
}
