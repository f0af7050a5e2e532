using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Events;

/// <summary>The tenant event stream over SSE, fed by custom events through the outbox and the durable queues.</summary>
public abstract class EventStreamTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private readonly HttpClient _admin = app.AdminClient();

    private async Task<string> CreateTenantAsync()
    {
        var slug = Http.Unique("ev");
        await _admin.PostJson("/api/v1/tenants", new { name = "Events Test", slug, vertical = "studio" }).ShouldBe(HttpStatusCode.Created);
        return slug;
    }

    [Fact]
    public async Task A_custom_event_reaches_the_stream_and_a_reconnect_resumes_after_the_last_event_id()
    {
        var slug = await CreateTenantAsync();
        using var stream = await SseClient.OpenAsync(_admin, $"/api/v1/tenants/{slug}/events/stream");

        var first = await _admin.PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.order-paid", data = new { orderId = 42, total = "12.50" } })
            .ShouldBe(HttpStatusCode.Accepted);
        var received = await stream.NextAsync("custom.order-paid");
        var payload = JsonDocument.Parse(received.Data).RootElement;
        payload.Str("id").ShouldBe(first.Str("id"));
        payload.GetProperty("data").GetProperty("orderId").GetInt32().ShouldBe(42);

        await _admin.PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.second", data = new { n = 2 } }).ShouldBe(HttpStatusCode.Accepted);
        await _admin.PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.third", data = new { n = 3 } }).ShouldBe(HttpStatusCode.Accepted);
        await stream.NextAsync("custom.third");

        // A client that saw only the first event reconnects and gets exactly the two it missed, in order.
        using var resumed = await SseClient.OpenAsync(_admin, $"/api/v1/tenants/{slug}/events/stream", lastEventId: received.Id);
        (await resumed.NextAsync()).Event.ShouldBe("custom.second");
        (await resumed.NextAsync()).Event.ShouldBe("custom.third");
    }

    [Fact]
    public async Task Custom_event_types_and_data_are_validated()
    {
        var slug = await CreateTenantAsync();
        var problem = await _admin.PostJson($"/api/v1/tenants/{slug}/events", new { type = "member.joined", data = new { } }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").GetProperty("type").GetArrayLength().ShouldBe(1);
        await _admin.PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.x", data = new[] { 1, 2 } }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Another_tenants_stream_is_not_found()
    {
        var slug = await CreateTenantAsync();
        var outsider = await app.RegisterAsync();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", outsider.AccessToken);
        (await client.GetAsync($"/api/v1/tenants/{slug}/events/stream")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class EventStreamTestsOnSqlite(SqliteFactory app) : EventStreamTests<SqliteFactory>(app);

public sealed class EventStreamTestsOnPostgres(PostgresFactory app) : EventStreamTests<PostgresFactory>(app);
