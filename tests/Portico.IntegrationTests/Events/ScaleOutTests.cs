using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Events;
using StackExchange.Redis;

namespace Portico.IntegrationTests.Events;

/// <summary>
/// Scaled-out deployments, switched on by configuration alone and proven against real servers that
/// scripts/test.sh starts: several application instances (each a host of its own, as separate processes
/// would be), the SignalR hubs joined through a Redis backplane, and integration events travelling
/// through a RabbitMQ exchange to a work queue that every instance consumes from.
/// </summary>
public sealed class ScaleOutTests
{
    private const string RedisVariable = "PORTICO_TEST_REDIS";
    private const string RabbitMqVariable = "PORTICO_TEST_RABBITMQ";
    private const string PostgresVariable = "PORTICO_TEST_PG_OWNER";
    private const string RedisSetting = "Portico:Realtime:RedisConnectionString";
    private const string RabbitMqSetting = "Portico:Messaging:RabbitMqUri";

    private static string Redis => Environment.GetEnvironmentVariable(RedisVariable)!;

    private static string RabbitMq => Environment.GetEnvironmentVariable(RabbitMqVariable)!;

    [ServicesFact(RedisVariable, PostgresVariable)]
    public async Task A_removed_member_and_a_revoked_session_lose_access_on_every_instance()
    {
        var database = $"portico_scale_{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["Portico:Caching:RedisConnectionString"] = Redis,
            ["Portico:Caching:LocalLifetime"] = "00:00:01",
            ["Portico:Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        };
        await using var cluster = new Cluster();
        var a = await cluster.StartAsync(settings, database, createsDatabase: true);
        var b = await cluster.StartAsync(settings, database, createsDatabase: false);

        // Instance B has the member's access and session in its cache; the changes are made on instance A.
        var tenant = await Crm.CrmTestTenant.CreateAsync(a);
        var member = await tenant.AddMemberAsync("Manager");
        var onB = member.User.Client(b);
        await onB.GetAsync(tenant.Crm("leads")).ShouldBe(HttpStatusCode.OK);
        var owner = tenant.Owner.User.Client(b);
        await owner.GetAsync("/api/v1/me").ShouldBe(HttpStatusCode.OK);

        await tenant.Client.DeleteAsync($"/api/v1/tenants/{tenant.Slug}/members/{member.Id}").ShouldBe(HttpStatusCode.NoContent);
        await member.Client.GetAsync(tenant.Crm("leads")).ShouldBeProblem(HttpStatusCode.NotFound);
        // One second of local lifetime by design; the cap only guards against a busy machine, and stays far below the
        // five minutes the shared level would keep a fact that no one evicted.
        await UntilAsync(async () => (await onB.GetAsync(tenant.Crm("leads"))).StatusCode == HttpStatusCode.NotFound);

        await tenant.Client.PostJson("/api/v1/auth/logout", new { refreshToken = tenant.Owner.User.RefreshToken }).ShouldBe(HttpStatusCode.NoContent);
        (await tenant.Client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await UntilAsync(async () => (await owner.GetAsync("/api/v1/me")).StatusCode == HttpStatusCode.Unauthorized);
    }

    private static Task UntilAsync(Func<Task<bool>> condition) => Patience.UntilAsync(condition, "the change to reach the other instance");

    [ServicesFact(RedisVariable, PostgresVariable)]
    public async Task A_push_on_one_instance_reaches_hub_clients_on_every_instance_through_redis()
    {
        await using var cluster = new Cluster();
        var a = await cluster.StartAsync(new() { [RedisSetting] = Redis });
        var b = await cluster.StartAsync(new() { [RedisSetting] = Redis });

        // The tenant and the listening client live on instance B; the push is made on instance A.
        var slug = Http.Unique("scale");
        var tenant = await b.AdminClient().PostJson("/api/v1/tenants", new { name = "Scale Out", slug, vertical = "workshop" })
            .ShouldBe(HttpStatusCode.Created);
        var tenantId = Guid.Parse(tenant.Str("id"));
        var (onB, receivedOnB) = await ConnectAsync(b, b.AdminToken, "scale.ping");
        var (onA, receivedOnA) = await ConnectAsync(a, a.AdminToken, "scale.ping");
        await using var _ = onB;
        await using var __ = onA;
        await onB.InvokeAsync("JoinRoom", $"tenant:{slug}");

        var publisher = a.Services.GetRequiredService<IRealtimePublisher>();
        await publisher.PublishToRoomAsync(tenantId, $"tenant:{slug}", "scale.ping", new { from = "a", n = 1 }, CancellationToken.None);

        var (name, payload) = await NextAsync(receivedOnB);
        name.ShouldBe("scale.ping");
        payload.Str("from").ShouldBe("a");
        payload.GetProperty("n").GetInt32().ShouldBe(1);

        // The other way round, to the user rather than a room: B pushes, A's connection of the same user hears it.
        var adminId = Guid.Parse(await SubjectOfAsync(a));
        await b.Services.GetRequiredService<IRealtimePublisher>()
            .PublishToUserAsync(adminId, "scale.ping", new { from = "b", n = 2 }, CancellationToken.None);
        (await NextAsync(receivedOnA)).Payload.Str("from").ShouldBe("b");

        // The hubs really met in Redis, on channels under the configured prefix.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis);
        var channels = await redis.GetServer(redis.GetEndPoints()[0]).SubscriptionChannelsAsync(RedisChannel.Pattern("portico*"));
        channels.ShouldNotBeEmpty();
    }

    [ServicesFact(RabbitMqVariable, PostgresVariable)]
    public async Task With_rabbitmq_configured_a_custom_event_still_reaches_the_tenants_stream_through_the_log()
    {
        // The broker no longer carries integration events (ADR 0007); configuring it must not change where they go.
        await using var cluster = new Cluster();
        var app = await cluster.StartAsync(new() { [RabbitMqSetting] = RabbitMq });

        var slug = Http.Unique("rabbit");
        var admin = app.AdminClient();
        await admin.PostJson("/api/v1/tenants", new { name = "Rabbit", slug, vertical = "studio" }).ShouldBe(HttpStatusCode.Created);
        using var stream = await SseClient.OpenAsync(admin, $"/api/v1/tenants/{slug}/events/stream");

        var published = await admin.PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.scaled-out", data = new { via = "log" } })
            .ShouldBe(HttpStatusCode.Accepted);
        var received = await stream.NextAsync("custom.scaled-out");
        var payload = JsonDocument.Parse(received.Data).RootElement;
        payload.Str("id").ShouldBe(published.Str("id"));
        payload.GetProperty("data").Str("via").ShouldBe("log");
    }

    [ServicesFact(RedisVariable, PostgresVariable)]
    public async Task Two_instances_on_one_database_share_the_event_log_and_every_client_hears_each_once()
    {
        var database = $"portico_scale_{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            [RedisSetting] = Redis,
            // One deployment: tokens from one instance are good on the other.
            ["Portico:Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            // Each instance looks at the log every 100 ms for events the other one wrote.
            ["Portico:Messaging:Events:PollInterval"] = "00:00:00.100",
        };
        await using var cluster = new Cluster();
        var a = await cluster.StartAsync(settings, database, createsDatabase: true);
        var b = await cluster.StartAsync(settings, database, createsDatabase: false);

        var slug = Http.Unique("scale");
        await a.AdminClient().PostJson("/api/v1/tenants", new { name = "Scale Out", slug, vertical = "workshop" }).ShouldBe(HttpStatusCode.Created);
        var (hub, heard) = await ConnectAsync(b, a.AdminToken, "custom.tick");
        await using var _ = hub;
        await hub.InvokeAsync("JoinRoom", $"tenant:{slug}");
        using var stream = await SseClient.OpenAsync(b.AdminClient(), $"/api/v1/tenants/{slug}/events/stream");

        // Published on both instances, handled by whichever instance holds the stream reader's lock at the time.
        const int count = 10;
        var ids = new List<string>();
        for (var n = 0; n < count; n++)
        {
            var on = n % 2 == 0 ? a : b;
            var published = await on.AdminClient().PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.tick", data = new { n } })
                .ShouldBe(HttpStatusCode.Accepted);
            ids.Add(published.Str("id"));
        }

        var wait = Patience.Cap;
        var streamed = new List<string>();
        while (streamed.Count < count)
        {
            streamed.Add(JsonDocument.Parse((await stream.NextAsync("custom.tick", wait)).Data).RootElement.Str("id"));
        }

        var pushed = new List<string>();
        while (pushed.Count < count)
        {
            pushed.Add((await NextAsync(heard, wait)).Payload.Str("id"));
        }

        streamed.ShouldBe(ids, ignoreOrder: true); // each event once in the stream, in log order per instance...
        pushed.ShouldBe(ids, ignoreOrder: true);   // ...and pushed once to the hub client on B
        await Task.Delay(TimeSpan.FromSeconds(1));
        heard.Reader.TryRead(out var extra).ShouldBeFalse($"a second push of {extra.Payload}");
    }

    private static async Task<string> SubjectOfAsync(PorticoFactory app)
    {
        var me = await app.AdminClient().GetAsync("/api/v1/me").ShouldBeOk();
        return me.Str("id");
    }

    private static async Task<(HubConnection Connection, Channel<(string Name, JsonElement Payload)> Received)> ConnectAsync(
        PorticoFactory app, string token, string listenFor)
    {
        var received = Channel.CreateUnbounded<(string, JsonElement)>();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/events"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (context, ct) => await app.Server.CreateWebSocketClient().ConnectAsync(
                    new Uri(context.Uri + (context.Uri.Query.Length > 0 ? "&" : "?") + "access_token=" + Uri.EscapeDataString(token)), ct);
            })
            .Build();
        connection.On<JsonElement>(listenFor, payload => received.Writer.TryWrite((listenFor, payload)));
        await connection.StartAsync();
        return (connection, received);
    }

    private static async Task<(string Name, JsonElement Payload)> NextAsync(Channel<(string Name, JsonElement Payload)> received, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Patience.Cap);
        return await received.Reader.ReadAsync(cancel.Token);
    }

    /// <summary>Application instances started for one test, stopped (and their databases dropped) at its end.</summary>
    private sealed class Cluster : IAsyncDisposable
    {
        private readonly List<PorticoFactory> _instances = [];

        public async Task<PorticoFactory> StartAsync(Dictionary<string, string?> settings, string? database = null, bool createsDatabase = true)
        {
            var instance = new InstanceFactory(database ?? $"portico_scale_{Guid.NewGuid():N}", createsDatabase);
            _instances.Add(instance);
            foreach (var (key, value) in settings)
            {
                instance.Set(key, value);
            }

            await instance.InitializeAsync();
            return instance;
        }

        public async ValueTask DisposeAsync()
        {
            // Last started, first stopped: the instance that created the shared database drops it.
            for (var i = _instances.Count - 1; i >= 0; i--)
            {
                await _instances[i].DisposeAsync();
            }
        }
    }

    /// <summary>One instance of a deployment on PostgreSQL; instances of one deployment share its database.</summary>
    private sealed class InstanceFactory(string database, bool createsDatabase) : PorticoFactory
    {
        public override string ProviderName => "Postgres";

        protected override async Task<(string Application, string Migrations)> CreateDatabaseAsync()
        {
            if (createsDatabase)
            {
                await PostgresFactory.CreateAsync(database);
            }

            return (On(PostgresFactory.ApplicationConnectionString), On(PostgresFactory.OwnerConnectionString));
        }

        protected override async Task DropDatabaseAsync()
        {
            if (!createsDatabase)
            {
                return;
            }

            await PostgresFactory.DropAsync(database);
        }

        private string On(string connectionString) =>
            new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;
    }
}

/// <summary>
/// A test that needs servers scripts/test.sh starts (PostgreSQL, Redis, RabbitMQ), found through their
/// environment variables: skipped, saying which are missing, when run without them (a bare <c>dotnet test</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServicesFactAttribute : FactAttribute
{
    public ServicesFactAttribute(params string[] variables)
    {
        Variables = variables;
        var missing = variables.Where(v => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v))).ToList();
        if (missing.Count > 0)
        {
            Skip = $"{string.Join(" and ", missing)} not set: run scripts/test.sh, which starts the servers this test needs.";
        }
    }

    public IReadOnlyList<string> Variables { get; }
}
