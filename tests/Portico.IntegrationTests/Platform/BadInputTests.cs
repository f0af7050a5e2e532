using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Platform;

/// <summary>
/// Walks every endpoint the application maps (discovered from routing, so new endpoints are covered
/// the day they are added) with a battery of malformed requests: none may answer 5xx, and every
/// error must be problem details.
/// </summary>
public abstract class BadInputTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private static readonly (string Name, Func<HttpContent> Body)[] BadBodies =
    [
        ("truncated json", () => new StringContent("{\"name\": ", Encoding.UTF8, "application/json")),
        ("not json", () => new StringContent("name=x&vertical=y", Encoding.UTF8, "application/json")),
        ("wrong content type", () => new StringContent("{\"name\":\"x\"}", Encoding.UTF8, "text/plain")),
        ("unknown field", () => new StringContent("{\"name\":\"x\",\"vertical\":\"studio\",\"isAdmin\":true}", Encoding.UTF8, "application/json")),
        ("wrong types", () => new StringContent("{\"name\":42,\"vertical\":[1],\"email\":{},\"password\":false}", Encoding.UTF8, "application/json")),
        ("array", () => new StringContent("[1,2,3]", Encoding.UTF8, "application/json")),
        ("null", () => new StringContent("null", Encoding.UTF8, "application/json")),
        ("empty", () => new StringContent("", Encoding.UTF8, "application/json")),
        ("deep nesting", () => new StringContent(new string('[', 5000) + new string(']', 5000), Encoding.UTF8, "application/json")),
        ("oversized", () => new StringContent("{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json")),
        ("invalid utf-8", () => new ByteArrayContent([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) { Headers = { { "Content-Type", "application/json" } } }),
    ];

    private static readonly string[] BadQueries =
    [
        "?cursor=%25%25%25", "?cursor=eyJTIjoxfQ", "?sort=doesNotExist", "?sort=--name", "?limit=abc", "?limit=-5", "?limit=99999999999",
        "?entityId=not-a-guid", "?from=yesterday", "?to=2026-13-45", "?q=" + new string('x', 5000), "?vertical=%00",
    ];

    private static readonly string[] BadSlugs = ["no-such-tenant", "%2e%2e", "x", new string('a', 300), "slug'--", "%D1%81%D0%B0%D0%BB%D0%BE%D0%BD"];

    /// <summary>Fills every other route parameter with a plausible value that matches nothing.</summary>
    private static string WithIds(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, "{[^}]+}", m => m.Value.Contains(":guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : "no-such-" + Guid.NewGuid().ToString("N")[..8]);

    private IEnumerable<(string Method, string Pattern)> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!)));

    private static async Task<List<string>> Failures(HttpClient client, string method, string url, HttpContent? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = body };
        // Headers are enough to judge, and a streaming endpoint (the SSE event stream) never ends its body.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var failures = new List<string>();
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            && await response.Content.ReadAsStringAsync() is var problem
            && (problem.Contains("System.", StringComparison.Ordinal) || problem.Contains("Portico.", StringComparison.Ordinal)))
        {
            failures.Add($"{method} {url}: {(int)response.StatusCode} names a .NET type: {problem}");
        }

        if ((int)response.StatusCode >= 500)
        {
            failures.Add($"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        // A script endpoint (a web form's embed.js) answers in JavaScript, a comment for a browser's console, not JSON.
        else if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/javascript"))
        {
            failures.Add($"{method} {url}: {(int)response.StatusCode} without problem details");
        }

        return failures;
    }

    [Fact]
    public async Task The_battery_finds_the_endpoints()
    {
        var endpoints = Endpoints().ToList();
        endpoints.ShouldContain(("POST", "/api/v1/tenants"));
        endpoints.ShouldContain(("PATCH", "/api/v1/tenants/{tenant}"));
        endpoints.ShouldContain(("GET", "/api/v1/tenants/{tenant}/audit"));
        endpoints.ShouldContain(("POST", "/api/v1/auth/login"));
    }

    [Fact]
    public async Task Malformed_bodies_never_cause_a_server_error()
    {
        // Its own administrator: the battery reaches sign-out-everywhere too, which must not sign out the shared one.
        var admin = await app.OwnAdminClientAsync();
        var slug = (await (await admin.PostJson("/api/v1/tenants", new { name = "Battery", slug = Http.Unique("bat"), vertical = "studio" })).Json()).Str("slug");
        var failures = new List<string>();
        foreach (var (method, pattern) in Endpoints().Where(e => e.Method is "POST" or "PATCH" or "PUT"))
        {
            var url = WithIds(pattern.Replace("{tenant}", slug, StringComparison.Ordinal));
            foreach (var (_, body) in BadBodies)
            {
                failures.AddRange(await Failures(admin, method, url, body()));
                failures.AddRange(await Failures(app.CreateClient(), method, url, body()));
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Malformed_query_strings_and_ids_never_cause_a_server_error()
    {
        // Its own administrator: the battery reaches sign-out-everywhere too, which must not sign out the shared one.
        var admin = await app.OwnAdminClientAsync();
        var slug = (await (await admin.PostJson("/api/v1/tenants", new { name = "Battery", slug = Http.Unique("bat"), vertical = "studio" })).Json()).Str("slug");
        var failures = new List<string>();
        foreach (var (method, pattern) in Endpoints().Where(e => e.Method is "GET" or "DELETE"))
        {
            foreach (var tenant in BadSlugs.Prepend(slug))
            {
                var url = WithIds(pattern.Replace("{tenant}", tenant, StringComparison.Ordinal));
                foreach (var query in BadQueries)
                {
                    failures.AddRange(await Failures(admin, method, url + query, null));
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_oversized_body_is_a_413()
    {
        var body = new StringContent("{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");
        await (await app.AdminClient().PostAsync("/api/v1/tenants", body)).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_that_says_what_is_wrong()
    {
        var problem = await (await app.AdminClient().PostAsync("/api/v1/tenants", Http.RawJson("{\"name\": "))).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Str("type").ShouldEndWith("invalid-json");
    }

    [Fact]
    public async Task An_unknown_field_is_a_400_naming_it()
    {
        var problem = await (await app.AdminClient().PostAsync("/api/v1/tenants", Http.RawJson("{\"name\":\"x\",\"vertical\":\"studio\",\"isAdmin\":true}")))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Str("detail").ShouldContain("isAdmin");
    }

    [Fact]
    public async Task Errors_are_problem_details_whatever_the_client_accepts()
    {
        foreach (var accept in new[] { "text/event-stream", "text/html", "text/csv", "image/png" })
        {
            async Task Problem(HttpClient client, HttpRequestMessage request, HttpStatusCode status)
            {
                request.Headers.Accept.ParseAdd(accept);
                using var response = await client.SendAsync(request);
                response.StatusCode.ShouldBe(status, $"{request.Method} {request.RequestUri} with Accept: {accept}");
                response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
                (await response.Json()).GetProperty("status").GetInt32().ShouldBe((int)status);
            }

            // A 404 thrown by a handler, a 404 of routing, a 400 of a broken body, a 401 without a token (also on the SSE stream).
            await Problem(app.AdminClient(), new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tenants/{Http.Unique("none")}/members"), HttpStatusCode.NotFound);
            await Problem(app.AdminClient(), new HttpRequestMessage(HttpMethod.Get, "/api/v1/no-such-route"), HttpStatusCode.NotFound);
            await Problem(app.AdminClient(), new HttpRequestMessage(HttpMethod.Post, "/api/v1/tenants") { Content = Http.RawJson("{\"name\": ") }, HttpStatusCode.BadRequest);
            await Problem(app.CreateClient(), new HttpRequestMessage(HttpMethod.Get, "/api/v1/me"), HttpStatusCode.Unauthorized);
            await Problem(app.CreateClient(), new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tenants/{Http.Unique("none")}/events/stream"), HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_nul_character_in_a_body_is_a_400_and_nothing_is_stored()
    {
        var admin = app.AdminClient();
        var slug = Http.Unique("nul");
        var problem = await (await admin.PostAsync("/api/v1/tenants", Http.RawJson($"{{\"name\":\"Sal\\u0000on\",\"slug\":\"{slug}\",\"vertical\":\"studio\"}}")))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Str("type").ShouldEndWith("invalid-text");
        problem.Str("detail").ShouldContain("$.name");
        (await admin.GetAsync($"/api/v1/tenants/{slug}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Inside free-form JSON too (custom event data is stored as it came).
        var tenant = (await (await admin.PostJson("/api/v1/tenants", new { name = "Nul", slug = Http.Unique("nul"), vertical = "studio" })).Json()).Str("slug");
        var nested = await (await admin.PostAsync($"/api/v1/tenants/{tenant}/events", Http.RawJson("{\"type\":\"custom.ping\",\"data\":{\"note\":[\"a\\u0000b\"]}}")))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        nested.Str("type").ShouldEndWith("invalid-text");
    }

    [Fact]
    public async Task A_nul_character_in_a_search_or_filter_is_a_400()
    {
        var admin = app.AdminClient();
        var slug = (await (await admin.PostJson("/api/v1/tenants", new { name = "Nul search", slug = Http.Unique("nul"), vertical = "studio" })).Json()).Str("slug");
        foreach (var url in new[] { "/api/v1/tenants?q=a%00b", $"/api/v1/tenants/{slug}/crm/contacts?q=%00", $"/api/v1/tenants/{slug}/crm/leads?status=new%00" })
        {
            (await (await admin.GetAsync(url)).ShouldBeProblem(HttpStatusCode.BadRequest)).Str("type").ShouldEndWith("invalid-text");
        }
    }

    [Fact]
    public async Task Bad_values_are_explained_by_json_path_without_naming_dotnet_types()
    {
        var admin = app.AdminClient();
        var slug = (await (await admin.PostJson("/api/v1/tenants", new { name = "Types", slug = Http.Unique("typ"), vertical = "studio" })).Json()).Str("slug");
        var attempts = new (string Url, string Body, string Path)[]
        {
            ("/api/v1/tenants", "{\"name\":42,\"vertical\":\"studio\"}", "$.name"),
            ($"/api/v1/tenants/{slug}/crm/contacts", "{\"firstName\":\"Anna\",\"ownerId\":\"not-a-guid\"}", "$.ownerId"),
            ($"/api/v1/tenants/{slug}/crm/deals", "{\"title\":\"x\",\"amount\":\"lots\"}", "$.amount"),
            ($"/api/v1/tenants/{slug}/crm/contacts", "{\"firstName\":\"Anna\",\"isVip\":true}", "isVip"),
            ($"/api/v1/tenants/{slug}/catalog/services", "{\"name\":{\"ru\":\"Стрижка\"},\"durationMinutes\":\"long\"}", "$.durationMinutes"),
            ($"/api/v1/tenants/{slug}/workshop/services", "{\"serviceId\":\"brakes\",\"vatRate\":20}", "$.serviceId"),
            ($"/api/v1/tenants/{slug}/inventory/items", "{\"sku\":\"A-1\",\"name\":\"Фильтр\",\"reorderLevel\":\"lots\"}", "$.reorderLevel"),
            ($"/api/v1/tenants/{slug}/workshop/work-orders/{Guid.NewGuid()}/assign", "{\"mechanicId\":\"nobody\"}", "$.mechanicId"),
            ($"/api/v1/tenants/{slug}/workshop/work-orders/{Guid.NewGuid()}/stages/{Guid.NewGuid()}/complete", "{\"actualMinutes\":\"long\"}", "$.actualMinutes"),
        };
        foreach (var (url, body, path) in attempts)
        {
            var detail = (await (await admin.PostAsync(url, Http.RawJson(body))).ShouldBeProblem(HttpStatusCode.BadRequest)).Str("detail");
            detail.ShouldContain(path);
            detail.ShouldNotContain("System.");
            detail.ShouldNotContain("Portico.");
        }

        var query = (await (await admin.GetAsync($"/api/v1/tenants/{slug}/crm/contacts?limit=abc")).ShouldBeProblem(HttpStatusCode.BadRequest)).Str("detail");
        query.ShouldContain("limit");
        query.ShouldNotContain("Int32");
    }

    [Fact]
    public async Task A_wrong_content_type_is_a_415()
    {
        var body = new StringContent("{\"name\":\"x\",\"vertical\":\"studio\"}", Encoding.UTF8, "text/plain");
        await (await app.AdminClient().PostAsync("/api/v1/tenants", body)).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
    }
}

public sealed class BadInputOnSqlite(SqliteFactory app) : BadInputTests<SqliteFactory>(app);

public sealed class BadInputOnPostgres(PostgresFactory app) : BadInputTests<PostgresFactory>(app);
