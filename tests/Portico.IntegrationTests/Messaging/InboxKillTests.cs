using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using Npgsql;
using Portico.IntegrationTests.Infrastructure;
using static Portico.IntegrationTests.Infrastructure.FakeTelegramBotApi;

namespace Portico.IntegrationTests.Messaging;

/// <summary>
/// The inbox's promise against the real executable (a child process, killed as a crash kills it): a burst of 1 000
/// updates, SIGKILL once about half are acknowledged, a restart on the same database, Telegram's redelivery of what got
/// no answer (and of some that did) — and every update has its message, exactly once.
/// </summary>
public abstract class InboxKillTests : IAsyncLifetime
{
    private const int Burst = 1000;
    private const int Senders = 32;
    private const string Tenant = "kill-test";

    private FakeTelegramBotApi Telegram { get; } = new() { AllowHttpWebhooks = true };

    protected string WorkingDirectory { get; } = Directory.CreateTempSubdirectory("portico-kill-").FullName;

    /// <summary>The server's database settings (a fresh database).</summary>
    protected abstract Task<Dictionary<string, string>> CreateDatabaseAsync();

    /// <summary>The test's own connection to that database, past the application (every tenant's rows).</summary>
    protected abstract DbConnection OpenRaw();

    /// <summary>A module's table as the provider names it.</summary>
    protected abstract string Table(string name);

    /// <summary>A bot id as the provider stores it.</summary>
    protected abstract object Id(Guid id);

    public Task InitializeAsync() => Telegram.StartAsync();

    public virtual async Task DisposeAsync()
    {
        await Telegram.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(WorkingDirectory, recursive: true);
    }

    [Fact]
    public async Task A_burst_of_1000_updates_with_the_server_killed_midway_leaves_each_message_exactly_once_after_the_restart()
    {
        var environment = await CreateDatabaseAsync();
        environment["Portico__Auth__KeyFile"] = Path.Combine(WorkingDirectory, "jwt.key");
        environment["Portico__Channels__Telegram__ApiUrl"] = Telegram.Url;
        environment["Portico__Channels__ProcessorIdlePoll"] = "00:00:00.200";
        environment["Portico__Outbound__AllowHttpToLoopback"] = "true";
        environment["Portico__Outbound__AllowLoopbackPorts__0"] = new Uri(Telegram.Url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await PorticoProcess.RunAsync(WorkingDirectory, environment, "create-admin", "--email", "ops@portico.test", "--password", "a long enough password")).Exit.ShouldBe(0);

        var acknowledged = new ConcurrentDictionary<long, bool>();
        Guid botId;
        string secret;
        string accessToken;
        await using (var first = await PorticoProcess.ServeAsync(WorkingDirectory, environment))
        {
            accessToken = (await first.Client.PostJson("/api/v1/auth/login", new { email = "ops@portico.test", password = "a long enough password" }).ShouldBeOk()).Str("accessToken");
            first.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            await first.Client.PostJson("/api/v1/tenants", new { name = "Kill test", slug = Tenant, vertical = "generic" }).ShouldBe(HttpStatusCode.Created);
            var token = NewBot();
            botId = Guid.Parse((await first.Client.PostJson($"/api/v1/tenants/{Tenant}/bots", new { token, name = "Burst bot" }).ShouldBe(HttpStatusCode.Created)).Str("id"));
            await first.Client.PatchAsync($"/api/v1/tenants/{Tenant}/bots/{botId}/activate", null).ShouldBeOk();
            secret = Telegram.WebhookOf(token).ShouldNotBeNull().SecretToken.ShouldNotBeNull();

            // The senders go on until the process is gone: the kill lands with requests in the writer's queue and in
            // its transaction, and with the processor mid-batch.
            var half = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var next = 0L;
            var burst = SendAllAsync(first.Client.BaseAddress!, botId, secret, () => Interlocked.Increment(ref next) is var id && id <= Burst ? id : null, id =>
            {
                acknowledged[id] = true;
                if (acknowledged.Count >= Burst / 2)
                {
                    half.TrySetResult();
                }
            });
            await Task.WhenAny(half.Task, burst);
            await first.KillAsync();
            await burst;
        }

        acknowledged.Count.ShouldBeGreaterThanOrEqualTo(Burst / 2);
        acknowledged.Count.ShouldBeLessThan(Burst, "the kill came after every update was acknowledged: nothing was cut off");

        await using var second = await PorticoProcess.ServeAsync(WorkingDirectory, environment);
        second.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        // Every 200 was a promise: each acknowledged update is stored, before anything is sent again.
        var stored = await UpdateIdsAsync($"SELECT update_id FROM {Table("inbound_updates")} WHERE bot_id = @bot", botId);
        acknowledged.Keys.Except(stored).ShouldBeEmpty("acknowledged but not stored");

        // Telegram sends again what got no 200, and sometimes what did.
        var resend = new ConcurrentQueue<long>(Enumerable.Range(1, Burst).Select(i => (long)i)
            .Where(id => !acknowledged.ContainsKey(id) || id % 5 == 0));
        var redelivered = new ConcurrentDictionary<long, bool>();
        await SendAllAsync(second.Client.BaseAddress!, botId, secret, () => resend.TryDequeue(out var id) ? id : null, id => redelivered[id] = true);
        Enumerable.Range(1, Burst).Select(i => (long)i).Where(id => !acknowledged.ContainsKey(id) && !redelivered.ContainsKey(id))
            .ShouldBeEmpty("redelivered updates the restarted server did not acknowledge");

        await Patience.EventuallyAsync(
            async () => (await second.Client.GetAsync($"/api/v1/tenants/{Tenant}/bots/{botId}").ShouldBeOk()).GetProperty("counters").GetProperty("messages").GetInt32(),
            messages => messages >= Burst,
            $"the bot's counters to show {Burst} messages");

        var messages = await UpdateIdsAsync(
            $"SELECT m.update_id FROM {Table("messages")} m JOIN {Table("conversations")} c ON c.id = m.conversation_id WHERE c.bot_id = @bot AND m.direction = 'in'", botId);
        messages.Count.ShouldBe(Burst, "incoming messages");
        messages.Order().ShouldBe(Enumerable.Range(1, Burst).Select(i => (long)i), "each update_id once");
        (await UpdateIdsAsync($"SELECT update_id FROM {Table("inbound_updates")} WHERE bot_id = @bot", botId)).Count.ShouldBe(Burst, "stored updates");
        (await second.Client.GetAsync($"/api/v1/tenants/{Tenant}/bots/{botId}").ShouldBeOk()).GetProperty("counters").GetProperty("messages").GetInt32().ShouldBe(Burst);
    }

    /// <summary>
    /// <see cref="Senders"/> loops deliver the updates <paramref name="next"/> hands out (a text from one of 50 chats each),
    /// as Telegram pushes them; every 200 is reported. A failure (the server died) leaves the update unacknowledged.
    /// </summary>
    private static async Task SendAllAsync(Uri server, Guid botId, string secret, Func<long?> next, Action<long> onAcknowledged)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Senders }) { BaseAddress = server, Timeout = Patience.Cap };
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
        {
            while (next() is { } id)
            {
                try
                {
                    using var response = await DeliverAsync(client, $"/api/v1/webhooks/telegram/{botId}", secret, Updates.Text(id, 1000 + (id % 50), 1000 + (id % 50), $"message {id}"));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        onAcknowledged(id);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or System.Net.Sockets.SocketException or IOException)
                {
                    // Cut off by the kill (not always wrapped in an HttpRequestException), or refused once the process was gone.
                }
            }
        })));
    }

    private string NewBot()
    {
        var id = Random.Shared.NextInt64(100_000_000, 9_000_000_000);
        var token = $"{id}:" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
        Telegram.AddBot(token, id, $"burst{id}_bot", "Burst bot");
        return token;
    }

    private async Task<List<long>> UpdateIdsAsync(string sql, Guid botId)
    {
        await using var connection = OpenRaw();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "bot";
        parameter.Value = Id(botId);
        command.Parameters.Add(parameter);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}

public sealed class InboxKillOnSqlite : InboxKillTests
{
    private string ConnectionString => $"Data Source={Path.Combine(WorkingDirectory, "portico.db")}";

    protected override Task<Dictionary<string, string>> CreateDatabaseAsync() =>
        Task.FromResult(new Dictionary<string, string> { ["ConnectionStrings__Portico"] = ConnectionString });

    protected override DbConnection OpenRaw() => new SqliteConnection(ConnectionString);

    protected override string Table(string name) => $"messaging_{name}";

    protected override object Id(Guid id) => id.ToString().ToUpperInvariant();
}

public sealed class InboxKillOnPostgres : InboxKillTests
{
    private readonly string _database = $"portico_kill_{Guid.NewGuid():N}";

    protected override async Task<Dictionary<string, string>> CreateDatabaseAsync()
    {
        await PostgresFactory.CreateAsync(_database);
        return new Dictionary<string, string>
        {
            ["Portico__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Portico"] = new NpgsqlConnectionStringBuilder(PostgresFactory.ApplicationConnectionString) { Database = _database }.ConnectionString,
            ["ConnectionStrings__PorticoMigrations"] = new NpgsqlConnectionStringBuilder(PostgresFactory.OwnerConnectionString) { Database = _database }.ConnectionString,
        };
    }

    protected override DbConnection OpenRaw() =>
        new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresFactory.OwnerConnectionString) { Database = _database, Pooling = false }.ConnectionString);

    protected override string Table(string name) => $"messaging.{name}";

    protected override object Id(Guid id) => id;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await PostgresFactory.DropAsync(_database);
    }
}
