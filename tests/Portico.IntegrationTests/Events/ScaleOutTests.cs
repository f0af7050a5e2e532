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
using RabbitMQ.Client;
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

    // The names the RabbitMQ block of the bus gives its exchange and its work queue.
    private const string EventsExchange = "portico-events";
    private const string WorkQueue = "portico-events-work";

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

    /// <summary>Waits until <paramref name="condition"/> holds, polled with a generous overall cap.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "the change never reached the other instance");
            await Task.Delay(50);
        }
    }

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
    public async Task A_custom_event_travels_through_the_rabbitmq_exchange_to_the_tenants_stream()
    {
        await using var cluster = new Cluster();
        var app = await cluster.StartAsync(new() { [RabbitMqSetting] = RabbitMq });

        // The bus provisioned its exchange and work queue, and this instance consumes the queue.
        await using var rabbit = await new ConnectionFactory { Uri = new Uri(RabbitMq) }.CreateConnectionAsync();
        await using var channel = await rabbit.CreateChannelAsync();
        await channel.ExchangeDeclarePassiveAsync(EventsExchange);
        (await channel.QueueDeclarePassiveAsync(WorkQueue)).ConsumerCount.ShouldBe(1u);
        // A queue of the test's own on the exchange sees what the application publishes there.
        var spy = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(spy.QueueName, EventsExchange, "");

        var slug = Http.Unique("rabbit");
        var admin = app.AdminClient();
        await admin.PostJson("/api/v1/tenants", new { name = "Rabbit", slug, vertical = "studio" }).ShouldBe(HttpStatusCode.Created);
        using var stream = await SseClient.OpenAsync(admin, $"/api/v1/tenants/{slug}/events/stream");

        var published = await admin.PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.scaled-out", data = new { via = "rabbitmq" } })
            .ShouldBe(HttpStatusCode.Accepted);
        var id = published.Str("id");

        var received = await stream.NextAsync("custom.scaled-out", TimeSpan.FromSeconds(30));
        var payload = JsonDocument.Parse(received.Data).RootElement;
        payload.Str("id").ShouldBe(id);
        payload.GetProperty("data").Str("via").ShouldBe("rabbitmq");

        (await SpiedAsync(channel, spy.QueueName, id)).ShouldBeTrue($"event {id} was not published to the '{EventsExchange}' exchange");
        (await channel.QueueDeclarePassiveAsync(WorkQueue)).MessageCount.ShouldBe(0u); // consumed, not left behind

        // Taken from the work queue once, then handed to every subscriber's own queue once.
        var deliveries = await HandledDeliveriesAsync(app, id);
        deliveries.ShouldContain($"rabbitmq://queue/{WorkQueue}");
        deliveries.ShouldContain("local://portico.realtime.streamevents/");
        deliveries.Count(d => d.StartsWith("local://", StringComparison.Ordinal)).ShouldBeGreaterThan(1);
        deliveries.ShouldBeUnique();
    }

    [ServicesFact(RabbitMqVariable, RedisVariable, PostgresVariable)]
    public async Task Two_instances_on_one_database_share_the_events_and_every_client_hears_each_once()
    {
        var database = $"portico_scale_{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            [RabbitMqSetting] = RabbitMq,
            [RedisSetting] = Redis,
            // One deployment: tokens from one instance are good on the other.
            ["Portico:Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            // Two instances appending to one tenant's stream at once race for positions; the loser's attempt
            // fails on the unique index and is retried by the bus, as designed. Not worth a page of log per race.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
            ["Logging:LogLevel:Portico.Kernel.Events.IntegrationEvent"] = "None",
        };
        await using var cluster = new Cluster();
        var a = await cluster.StartAsync(settings, database, createsDatabase: true);
        var b = await cluster.StartAsync(settings, database, createsDatabase: false);

        // Both instances are competing consumers of the one work queue.
        await using (var rabbit = await new ConnectionFactory { Uri = new Uri(RabbitMq) }.CreateConnectionAsync())
        await using (var channel = await rabbit.CreateChannelAsync())
        {
            (await channel.QueueDeclarePassiveAsync(WorkQueue)).ConsumerCount.ShouldBe(2u);
        }

        var slug = Http.Unique("scale");
        await a.AdminClient().PostJson("/api/v1/tenants", new { name = "Scale Out", slug, vertical = "workshop" }).ShouldBe(HttpStatusCode.Created);
        var (hub, heard) = await ConnectAsync(b, a.AdminToken, "custom.tick");
        await using var _ = hub;
        await hub.InvokeAsync("JoinRoom", $"tenant:{slug}");
        using var stream = await SseClient.OpenAsync(b.AdminClient(), $"/api/v1/tenants/{slug}/events/stream");

        // Published on both instances, handled by whichever instance takes each event from the queue.
        const int count = 10;
        var ids = new List<string>();
        for (var n = 0; n < count; n++)
        {
            var on = n % 2 == 0 ? a : b;
            var published = await on.AdminClient().PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.tick", data = new { n } })
                .ShouldBe(HttpStatusCode.Accepted);
            ids.Add(published.Str("id"));
        }

        // Generous waits: an event whose stream append lost the race three times is rescheduled 30 s later.
        var wait = TimeSpan.FromSeconds(75);
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

        streamed.ShouldBe(ids, ignoreOrder: true); // each event once in the stream...
        pushed.ShouldBe(ids, ignoreOrder: true);   // ...and pushed once to the hub client on B
        await Task.Delay(TimeSpan.FromSeconds(1));
        heard.Reader.TryRead(out var extra).ShouldBeFalse($"a second push of {extra.Payload}");
    }

    /// <summary>
    /// Where the bus's inbox (Wolverine's envelope store) received an event: the RabbitMQ work queue and each
    /// subscriber's local queue, once they have all handled it.
    /// </summary>
    private static async Task<List<string>> HandledDeliveriesAsync(PorticoFactory app, string eventId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT received_at, status FROM wolverine.wolverine_incoming_envelopes WHERE position(convert_to(@id, 'UTF8') IN body) > 0",
            connection);
        command.Parameters.AddWithValue("id", eventId);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var rows = new List<(string Destination, string Status)>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    rows.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            if (rows.All(r => r.Status == "Handled") || DateTime.UtcNow > deadline)
            {
                rows.ShouldAllBe(r => r.Status == "Handled");
                return rows.Select(r => r.Destination).ToList();
            }

            await Task.Delay(200);
        }
    }

    private static async Task<bool> SpiedAsync(IChannel channel, string queue, string eventId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true);
            if (message is null)
            {
                await Task.Delay(100);
            }
            else if (Encoding.UTF8.GetString(message.Body.Span).Contains(eventId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
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
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
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
