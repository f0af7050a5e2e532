using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;
using Portico.IntegrationTests.Notifications;

namespace Portico.IntegrationTests.Events;

/// <summary>The application with short retry delays and a Slack stand-in that can be told to fail.</summary>
public sealed class DeadLetterHost<TFactory> : IAsyncLifetime
    where TFactory : PorticoFactory, new()
{
    public TFactory App { get; } = new();

    public FakeSlack Slack { get; } = new();

    public async Task InitializeAsync()
    {
        await Slack.StartAsync();
        App.Set("Portico:Outbound:AllowHttpToLoopback", "true");
        App.Set("Portico:Outbound:AllowLoopbackPorts:0", new Uri(Slack.Url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        App.Set("Portico:Messaging:RetryDelays:0", "00:00:00.050");
        App.Set("Portico:Messaging:RetryDelays:1", "00:00:00.100");
        App.Set("Portico:Messaging:InPlaceRetries", "2");
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Slack.DisposeAsync();
    }
}

/// <summary>
/// A handler that keeps failing ends in the dead letters after its retries; an operator lists it, fixes the
/// cause and replays it, and the work is done once.
/// </summary>
public abstract class DeadLetterTests<TFactory>(DeadLetterHost<TFactory> host) : IClassFixture<DeadLetterHost<TFactory>>
    where TFactory : PorticoFactory, new()
{
    private readonly HttpClient _admin = host.App.AdminClient();

    [Fact]
    public async Task A_message_failing_every_retry_is_dead_lettered_listed_and_replayed_once_the_cause_is_fixed()
    {
        var slug = Http.Unique("dlq");
        await _admin.PostJson("/api/v1/tenants", new { name = "Dead Letters", slug, vertical = "studio" }).ShouldBe(HttpStatusCode.Created);
        var webhook = host.Slack.NewWebhook();
        await _admin.PutAsJsonAsync($"/api/v1/tenants/{slug}/notifications/channels", new { slackWebhookUrl = webhook }).ShouldBe(HttpStatusCode.OK);
        await _admin.PostJson($"/api/v1/tenants/{slug}/notifications/triggers", new
        {
            name = "Alert the team", eventType = "custom.alarm", channel = "slack", recipients = new[] { new { kind = "default" } },
        }).ShouldBe(HttpStatusCode.Created);
        host.Slack.FailNext(1000); // Slack is down

        var eventId = (await _admin.PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.alarm", data = new { level = "red" } })
            .ShouldBe(HttpStatusCode.Accepted)).Str("id");

        // Three attempts (the first and two retries), then the dead letters; the delivery log says so.
        var delivery = await EventuallyAsync(async () => (await _admin.GetAsync($"/api/v1/tenants/{slug}/notifications/deliveries?eventId={eventId}").ShouldBeOk())
            .GetProperty("items").EnumerateArray().FirstOrDefault(), d => d.ValueKind == JsonValueKind.Object && d.Str("status") == "dead-lettered");
        delivery.GetProperty("attempts").GetInt32().ShouldBe(3);
        var letter = await EventuallyAsync(async () => (await _admin.GetAsync("/api/v1/admin/dead-letters?pageSize=200").ShouldBeOk())
            .GetProperty("items").EnumerateArray().FirstOrDefault(l => l.Str("messageType").Contains("SendNotification", StringComparison.Ordinal)
                && l.GetProperty("exceptionMessage").GetString()?.Contains("500", StringComparison.Ordinal) == true),
            l => l.ValueKind == JsonValueKind.Object);
        var letterId = letter.Str("id");
        (await _admin.GetAsync($"/api/v1/admin/dead-letters/{letterId}").ShouldBeOk()).Str("id").ShouldBe(letterId);
        host.Slack.Received.Where(r => webhook.EndsWith(r.Path, StringComparison.Ordinal)).ShouldBeEmpty();

        host.Slack.FailNext(0); // Slack is back
        (await _admin.PostAsync($"/api/v1/admin/dead-letters/{letterId}/replay", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await EventuallyAsync(async () => (await _admin.GetAsync($"/api/v1/tenants/{slug}/notifications/deliveries?eventId={eventId}").ShouldBeOk())
            .GetProperty("items").EnumerateArray().First().Str("status"), status => status == "sent");
        host.Slack.Received.Where(r => webhook.EndsWith(r.Path, StringComparison.Ordinal)).ShouldHaveSingleItem();
        await EventuallyAsync(async () => (await _admin.GetAsync($"/api/v1/admin/dead-letters/{letterId}")).StatusCode, status => status == HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Dead_letters_are_for_platform_administrators_and_unknown_ones_are_404()
    {
        (await _admin.GetAsync($"/api/v1/admin/dead-letters/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _admin.PostAsync($"/api/v1/admin/dead-letters/{Guid.NewGuid()}/replay", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await _admin.GetAsync("/api/v1/admin/dead-letters?pageSize=0").ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        var user = await host.App.RegisterAsync();
        (await user.Client(host.App).GetAsync("/api/v1/admin/dead-letters")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = host.App.CreateClient();
        (await anonymous.GetAsync("/api/v1/admin/dead-letters")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done) =>
        Patience.EventuallyAsync(read, done, "the dead letters to change");
}

public sealed class DeadLetterTestsOnSqlite(DeadLetterHost<SqliteFactory> host) : DeadLetterTests<SqliteFactory>(host);

public sealed class DeadLetterTestsOnPostgres(DeadLetterHost<PostgresFactory> host) : DeadLetterTests<PostgresFactory>(host);
