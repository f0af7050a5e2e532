using System.Net;
using System.Net.Http.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Platform;

public abstract class IdempotencyTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private readonly HttpClient _admin = app.AdminClient();

    private Task<HttpResponseMessage> Create(string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tenants") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return _admin.SendAsync(request);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_replays_the_first_response()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { name = "Retry Salon", vertical = "studio" };

        var first = await Create(key, body);
        var retry = await Create(key, body);

        var original = await first.ShouldBe(HttpStatusCode.Created);
        var replayed = await retry.ShouldBe(HttpStatusCode.Created);
        replayed.Str("id").ShouldBe(original.Str("id"));
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        retry.Headers.GetValues("Idempotency-Replayed").ShouldBe(["true"]);

        var list = await _admin.GetAsync($"/api/v1/tenants?q={original.Str("slug")}").ShouldBeOk();
        list.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422()
    {
        var key = Guid.NewGuid().ToString();
        await (await Create(key, new { name = "First body", vertical = "studio" })).ShouldBe(HttpStatusCode.Created);

        var problem = await (await Create(key, new { name = "Second body", vertical = "studio" })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Without_a_key_each_request_creates()
    {
        var body = new { name = "Twice Salon " + Guid.NewGuid().ToString("N")[..6], vertical = "studio" };
        var first = await (await _admin.PostJson("/api/v1/tenants", body)).ShouldBe(HttpStatusCode.Created);
        var second = await (await _admin.PostJson("/api/v1/tenants", body)).ShouldBe(HttpStatusCode.Created);
        second.Str("id").ShouldNotBe(first.Str("id"));
    }

    [Fact]
    public async Task A_failed_request_is_not_stored_so_a_corrected_retry_cannot_reuse_it_but_an_identical_retry_runs_again()
    {
        var key = Guid.NewGuid().ToString();
        await (await Create(key, new { name = "", vertical = "studio" })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await Create(key, new { name = "", vertical = "studio" })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_create_one_record()
    {
        var key = Guid.NewGuid().ToString();
        var slug = Http.Unique("race");
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Create(key, new { name = "Race", slug, vertical = "bots" })));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Conflict);
        responses.ShouldContain(r => r.StatusCode == HttpStatusCode.Created);
        var list = await _admin.GetAsync($"/api/v1/tenants?q={slug}").ShouldBeOk();
        list.GetProperty("items").GetArrayLength().ShouldBe(1);
    }
}

public sealed class IdempotencyOnSqlite(SqliteFactory app) : IdempotencyTests<SqliteFactory>(app);

public sealed class IdempotencyOnPostgres(PostgresFactory app) : IdempotencyTests<PostgresFactory>(app);
