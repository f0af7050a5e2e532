using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Events;

/// <summary>
/// The durability proof: the real server, as a child process, is killed (SIGKILL) in the middle of a burst
/// of events; after a restart on the same database every accepted event has been handled exactly once,
/// as seen by its effect (one entry per event in the tenant's stream).
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const string AdminEmail = "ops@portico.test";
    private const string AdminPassword = "a long enough password";

    private readonly string _directory = Directory.CreateTempSubdirectory("portico-crash-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public Task Every_accepted_event_is_handled_exactly_once_after_a_kill_on_sqlite() => KillDuringBurstAsync(new Dictionary<string, string>
    {
        ["ConnectionStrings__Portico"] = $"Data Source={Path.Combine(_directory, "portico.db")}",
        ["Portico__Auth__KeyFile"] = Path.Combine(_directory, "jwt.key"),
    });

    [Fact]
    public async Task Every_accepted_event_is_handled_exactly_once_after_a_kill_on_postgres()
    {
        var database = $"portico_crash_{Guid.NewGuid():N}";
        await PostgresFactory.CreateAsync(database);

        try
        {
            await KillDuringBurstAsync(new Dictionary<string, string>
            {
                ["Portico__Database__Provider"] = "Postgres",
                ["ConnectionStrings__Portico"] = new NpgsqlConnectionStringBuilder(PostgresFactory.ApplicationConnectionString) { Database = database }.ConnectionString,
                ["ConnectionStrings__PorticoMigrations"] = new NpgsqlConnectionStringBuilder(PostgresFactory.OwnerConnectionString) { Database = database }.ConnectionString,
                ["Portico__Auth__KeyFile"] = Path.Combine(_directory, "jwt.key"),
            });
        }
        finally
        {
            await PostgresFactory.DropAsync(database);
        }
    }

    private async Task KillDuringBurstAsync(Dictionary<string, string> environment)
    {
        (await PorticoProcess.RunAsync(_directory, environment, "create-admin", "--email", AdminEmail, "--password", AdminPassword)).Exit.ShouldBe(0);
        var accepted = new ConcurrentDictionary<string, bool>();
        var slug = Http.Unique("crash");

        await using (var server = await PorticoProcess.ServeAsync(_directory, environment))
        {
            await SignInAsync(server.Client);
            await server.Client.PostJson("/api/v1/tenants", new { name = "Crash Test", slug, vertical = "workshop" }).ShouldBe(HttpStatusCode.Created);

            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 8).Select(sender => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    try
                    {
                        var response = await server.Client.PostAsJsonAsync(
                            $"/api/v1/tenants/{slug}/events", new { type = "custom.burst", data = new { sender, n } }, stop.Token);
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            accepted[(await response.Content.ReadFromJsonAsync<JsonElement>()).Str("id")] = true;
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
                    {
                        return; // the server died under us
                    }
                }
            })).ToList();

            var deadline = DateTime.UtcNow + Patience.Cap;
            while (accepted.Count < 150 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            await server.KillAsync(); // mid-burst: requests in flight, envelopes in the outbox and the queues
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }

        accepted.Count.ShouldBeGreaterThanOrEqualTo(150);
        await using var restarted = await PorticoProcess.ServeAsync(_directory, environment);
        await SignInAsync(restarted.Client);

        // Read the tenant's whole stream from the start: every accepted event must appear, none twice.
        using var stream = await SseClient.OpenAsync(restarted.Client, $"/api/v1/tenants/{slug}/events/stream", lastEventId: "0");
        var seen = new Dictionary<string, int>();
        while (!accepted.Keys.All(seen.ContainsKey))
        {
            var next = await stream.NextAsync("custom.burst");
            var id = JsonDocument.Parse(next.Data).RootElement.Str("id");
            seen[id] = seen.GetValueOrDefault(id) + 1;
        }

        seen.Values.ShouldAllBe(count => count == 1);
        accepted.Keys.ShouldAllBe(id => seen.ContainsKey(id));
    }

    private static async Task SignInAsync(HttpClient client)
    {
        var login = await client.PostJson("/api/v1/auth/login", new { email = AdminEmail, password = AdminPassword }).ShouldBeOk();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Str("accessToken"));
    }
}
