using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portico.Data;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Events;
using Portico.Kernel.Tenancy;

namespace Portico.IntegrationTests.Events;

/// <summary>A subscriber of the tests' own: it declares two event types, records what it gets, and always fails on one of them.</summary>
public sealed class RecordingSubscriber : IEventSubscriber
{
    public const string Wanted = "custom.log-wanted";
    public const string Poison = "custom.log-poison";

    public string Name => "test.recorder";

    public IReadOnlyCollection<string>? EventTypes => [Wanted, Poison];

    public ConcurrentQueue<IntegrationEvent> Received { get; } = new();

    public Task HandleAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        if (events.Any(e => e.Type == Poison))
        {
            throw new InvalidOperationException("this subscriber cannot handle that event");
        }

        foreach (var e in events)
        {
            Received.Enqueue(e);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The event log's contract with a subscriber: only the declared types, in log order, and a failing event parked, not blocking.</summary>
public abstract class EventLogTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory, IRecordingHost
{
    [Fact]
    public async Task A_subscriber_gets_only_its_declared_types_in_order_and_an_event_that_keeps_failing_is_parked_and_passed()
    {
        var (slug, publish) = await TenantAsync("log");
        await publish("custom.log-other", 0);
        var first = await publish(RecordingSubscriber.Wanted, 1);
        var poison = await publish(RecordingSubscriber.Poison, 2);
        var second = await publish(RecordingSubscriber.Wanted, 3);

        var deadline = DateTime.UtcNow + Patience.Cap;
        while (app.Recorder.Received.Count(e => e.TenantSlug == slug) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        app.Recorder.Received.Where(e => e.TenantSlug == slug).Select(e => e.Id).ShouldBe([first, second]);

        // Parked before the reader moved on to the second event. (A CI run found it missing: the reader had skipped the
        // poison event with the unwanted rows before it, see the next test.)

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().EnterPlatformScope();
        var parked = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().ParkedEvents.AsNoTracking()
            .Where(p => p.EventId == poison).ToListAsync();
        parked.ShouldHaveSingleItem().Subscriber.ShouldBe("test.recorder");
        parked[0].Error.ShouldContain("cannot handle that event");
    }

    [Fact]
    public async Task Wanted_events_committed_among_a_stream_of_unwanted_ones_all_arrive()
    {
        // The reader skips past rows nobody wants; a wanted event committing while it does so must not be skipped too.
        var (slug, publish) = await TenantAsync("skip");
        using var stop = new CancellationTokenSource();
        var noise = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await publish("custom.log-other", 0);
            }
        })).ToList();
        var wanted = new List<Guid>();
        for (var i = 0; i < 150; i++)
        {
            wanted.Add(await publish(RecordingSubscriber.Wanted, i));
        }

        await stop.CancelAsync();
        await Task.WhenAll(noise);
        var received = await Patience.EventuallyAsync(
            () => Task.FromResult(app.Recorder.Received.Where(e => e.TenantSlug == slug).Select(e => e.Id).ToList()),
            ids => ids.Count >= wanted.Count, "every wanted event");
        received.ShouldBe(wanted);
    }

    /// <summary>A new tenant, and how to publish one of its custom events (returning the event's id).</summary>
    private async Task<(string Slug, Func<string, int, Task<Guid>> PublishAsync)> TenantAsync(string prefix)
    {
        var admin = app.AdminClient();
        var slug = Http.Unique(prefix);
        await admin.PostJson("/api/v1/tenants", new { name = "Event Log", slug, vertical = "studio" }).ShouldBe(HttpStatusCode.Created);
        return (slug, async (type, n) => Guid.Parse(
            (await admin.PostJson($"/api/v1/tenants/{slug}/events", new { type, data = new { n } }).ShouldBe(HttpStatusCode.Accepted)).Str("id")));
    }
}

/// <summary>A test host with a <see cref="RecordingSubscriber"/> among the modules' subscribers.</summary>
public interface IRecordingHost
{
    RecordingSubscriber Recorder { get; }
}

public sealed class RecordingSqliteFactory : SqliteFactory, IRecordingHost
{
    public RecordingSqliteFactory()
    {
        Set("Portico:Messaging:RetryDelays:0", "00:00:00.050");
        Set("Portico:Messaging:RetryDelays:1", "00:00:00.100");
    }

    public RecordingSubscriber Recorder { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IEventSubscriber>(Recorder));
    }
}

public sealed class RecordingPostgresFactory : PorticoFactory, IRecordingHost
{
    private readonly string _database = $"portico_log_{Guid.NewGuid():N}";

    public RecordingPostgresFactory()
    {
        Set("Portico:Messaging:RetryDelays:0", "00:00:00.050");
        Set("Portico:Messaging:RetryDelays:1", "00:00:00.100");
    }

    public override string ProviderName => "Postgres";

    public RecordingSubscriber Recorder { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IEventSubscriber>(Recorder));
    }

    protected override async Task<(string Application, string Migrations)> CreateDatabaseAsync()
    {
        await PostgresFactory.CreateAsync(_database);
        return (On(PostgresFactory.ApplicationConnectionString), On(PostgresFactory.OwnerConnectionString));
    }

    protected override Task DropDatabaseAsync() => PostgresFactory.DropAsync(_database);

    private string On(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Database = _database }.ConnectionString;
}

public sealed class EventLogTestsOnSqlite(RecordingSqliteFactory app) : EventLogTests<RecordingSqliteFactory>(app);

public sealed class EventLogTestsOnPostgres(RecordingPostgresFactory app) : EventLogTests<RecordingPostgresFactory>(app);
