using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Events;

/// <summary>The SignalR hub with a real client over WebSockets: rooms, membership checks, tenant separation.</summary>
public abstract class HubTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private readonly HttpClient _admin = app.AdminClient();

    private async Task<(string Slug, TestUser Owner)> CreateTenantWithOwnerAsync()
    {
        var owner = await app.RegisterAsync();
        var slug = Http.Unique("hub");
        await owner.Client(app).PostJson("/api/v1/tenants", new { name = "Hub Test", slug, vertical = "workshop" }).ShouldBe(HttpStatusCode.Created);
        return (slug, owner);
    }

    private Task<(HubConnection Connection, Channel<(string Name, JsonElement Payload)> Received)> ConnectAsync(string token, string? tenant = null, params string[] listenFor) =>
        HubClient.ConnectAsync(app, token, tenant, listenFor);

    private static Task<(string Name, JsonElement Payload)> NextAsync(Channel<(string Name, JsonElement Payload)> received) => received.NextAsync();

    [Fact]
    public async Task A_member_in_the_tenant_room_receives_its_events_under_their_realtime_names()
    {
        var (slug, owner) = await CreateTenantWithOwnerAsync();
        var (connection, received) = await ConnectAsync(owner.AccessToken, listenFor: ["custom.order-paid"]);
        await using var _ = connection;
        await connection.InvokeAsync("JoinRoom", $"tenant:{slug}");

        var published = await owner.Client(app).PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.order-paid", data = new { total = "99.00" } })
            .ShouldBe(HttpStatusCode.Accepted);

        var (name, payload) = await NextAsync(received);
        name.ShouldBe("custom.order-paid");
        payload.Str("id").ShouldBe(published.Str("id"));
        payload.GetProperty("data").Str("total").ShouldBe("99.00");
    }

    [Fact]
    public async Task Joining_another_tenants_room_is_refused_and_its_events_never_arrive()
    {
        var (slug, owner) = await CreateTenantWithOwnerAsync();
        var (otherSlug, _) = await CreateTenantWithOwnerAsync();
        var (connection, received) = await ConnectAsync(owner.AccessToken, listenFor: ["custom.secret"]);
        await using var _ = connection;

        var refused = await Should.ThrowAsync<HubException>(() => connection.InvokeAsync("JoinRoom", $"tenant:{otherSlug}"));
        refused.Message.ShouldContain("No tenant");
        await Should.ThrowAsync<HubException>(() => connection.InvokeAsync("JoinRoom", "tenant:no-such-tenant"));
        await Should.ThrowAsync<HubException>(() => connection.InvokeAsync("JoinRoom", "not a room"));

        // Scoped rooms need a tenant the caller belongs to: with ?tenant= of another tenant, refused too.
        var (scoped, _) = await ConnectAsync(owner.AccessToken, tenant: otherSlug);
        await using var __ = scoped;
        await Should.ThrowAsync<HubException>(() => scoped.InvokeAsync("JoinRoom", "order:123"));

        await _admin.PostJson($"/api/v1/tenants/{otherSlug}/events", new { type = "custom.secret", data = new { } }).ShouldBe(HttpStatusCode.Accepted);
        await connection.InvokeAsync("JoinRoom", $"tenant:{slug}");
        await owner.Client(app).PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.secret", data = new { mine = true } }).ShouldBe(HttpStatusCode.Accepted);
        var (_, payload) = await NextAsync(received);
        payload.GetProperty("data").GetProperty("mine").GetBoolean().ShouldBeTrue(); // the other tenant's event, published first, never came
    }

    [Fact]
    public async Task Scoped_rooms_hear_only_their_records_events_and_stay_apart_per_tenant()
    {
        var (slug, owner) = await CreateTenantWithOwnerAsync();
        var (otherSlug, otherOwner) = await CreateTenantWithOwnerAsync();
        var (mine, myEvents) = await ConnectAsync(owner.AccessToken, tenant: slug, listenFor: ["custom.stage-completed"]);
        var (theirs, theirEvents) = await ConnectAsync(otherOwner.AccessToken, tenant: otherSlug, listenFor: ["custom.stage-completed"]);
        await using var _ = mine;
        await using var __ = theirs;
        await mine.InvokeAsync("JoinRoom", "order:42");
        await theirs.InvokeAsync("JoinRoom", "order:42"); // the same room name in another tenant

        await owner.Client(app).PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.stage-completed", data = new { order = 7 }, rooms = new[] { "order:7" } })
            .ShouldBe(HttpStatusCode.Accepted);
        await owner.Client(app).PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.stage-completed", data = new { order = 42 }, rooms = new[] { "order:42" } })
            .ShouldBe(HttpStatusCode.Accepted);

        var (_, payload) = await NextAsync(myEvents);
        payload.GetProperty("data").GetProperty("order").GetInt32().ShouldBe(42);
        await otherOwner.Client(app).PostJson($"/api/v1/tenants/{otherSlug}/events", new { type = "custom.stage-completed", data = new { order = 4242 }, rooms = new[] { "order:42" } })
            .ShouldBe(HttpStatusCode.Accepted);
        var (_, theirPayload) = await NextAsync(theirEvents);
        theirPayload.GetProperty("data").GetProperty("order").GetInt32().ShouldBe(4242); // not tenant A's order 42

        await owner.Client(app).PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.x", rooms = new[] { "tenant:other" } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Without_a_token_the_hub_answers_401()
    {
        using var client = app.CreateClient();
        (await client.PostAsync("/hubs/events/negotiate?negotiateVersion=1", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

public sealed class HubTestsOnSqlite(SqliteFactory app) : HubTests<SqliteFactory>(app);

public sealed class HubTestsOnPostgres(PostgresFactory app) : HubTests<PostgresFactory>(app);
