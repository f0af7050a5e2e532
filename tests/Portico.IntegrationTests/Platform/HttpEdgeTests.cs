using System.Net;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Platform;

/// <summary>A factory with a browser origin allowed, for the behaviour at the HTTP edge.</summary>
public sealed class EdgeFactory : SqliteFactory
{
    public const string AllowedOrigin = "https://salon.example";

    public EdgeFactory()
    {
        Set("Portico:Http:CorsOrigins:0", AllowedOrigin);
        Set("Portico:RateLimits:SignInPerIpPerMinute", "5");
    }
}

public sealed class HttpEdgeTests(EdgeFactory app) : IClassFixture<EdgeFactory>
{
    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/tenants");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
        return request;
    }

    [Fact]
    public async Task A_configured_origin_passes_the_cors_preflight()
    {
        var response = await app.CreateClient().SendAsync(Preflight(EdgeFactory.AllowedOrigin));
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([EdgeFactory.AllowedOrigin]);
        response.Headers.GetValues("Access-Control-Allow-Headers").Single().ShouldContain("idempotency-key", Case.Insensitive);
    }

    [Fact]
    public async Task Any_other_origin_gets_no_cors_grant()
    {
        var response = await app.CreateClient().SendAsync(Preflight("https://evil.example"));
        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task Russian_text_comes_back_readable_not_escaped()
    {
        var response = await app.AdminClient().PostJson("/api/v1/tenants", new { name = "Тату-студия «Игла»", slug = Http.Unique("igla"), vertical = "studio" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Тату-студия «Игла»");
    }

    [Fact]
    public async Task Guessing_passwords_is_slowed_down_with_a_429_and_retry_after()
    {
        var client = app.CreateClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 10 && last?.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            last = await client.PostJson("/api/v1/auth/login", new { email = "victim@portico.test", password = $"guess number {i}" });
        }

        var problem = await last!.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        problem.Str("type").ShouldEndWith("too-many-requests");
        int.Parse(last!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }
}
