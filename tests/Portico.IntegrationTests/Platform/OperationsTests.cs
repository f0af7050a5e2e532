using System.Net;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Platform;

public abstract class OperationsTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task Liveness_answers_without_touching_the_database()
    {
        var health = await app.CreateClient().GetAsync("/health/live").ShouldBeOk();
        health.Str("status").ShouldBe("Healthy");
    }

    [Fact]
    public async Task Readiness_checks_the_database()
    {
        var health = await app.CreateClient().GetAsync("/health/ready").ShouldBeOk();
        health.Str("status").ShouldBe("Healthy");
        health.GetProperty("checks").GetProperty("database").Str("status").ShouldBe("Healthy");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var document = await app.CreateClient().GetAsync("/openapi/v1.json").ShouldBeOk();
        document.Str("openapi").ShouldStartWith("3.");
        var paths = document.GetProperty("paths");
        paths.TryGetProperty("/api/v1/tenants", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/tenants/{tenant}/audit", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/auth/login", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task The_api_reference_ui_is_served_at_docs()
    {
        var response = await app.CreateClient().GetAsync("/docs/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<title>Portico API</title>");
        html.ShouldContain("scalar", Case.Insensitive);
    }

    [Fact]
    public async Task Prometheus_scrapes_http_metrics()
    {
        var client = app.CreateClient();
        await client.GetAsync("/health/live");
        var metrics = await client.GetStringAsync("/metrics");
        metrics.ShouldContain("http_server_request_duration_seconds");
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        var response = await app.CreateClient().GetAsync("/health/live");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'none'");
    }

    [Fact]
    public async Task An_unknown_route_is_a_problem_details_404()
    {
        var client = app.CreateClient();
        (await client.GetAsync("/api/v1/no-such-thing").ShouldBeProblem(HttpStatusCode.NotFound)).Str("detail").ShouldContain("/api/v1/no-such-thing");
        await client.GetAsync("/no-such-page").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wrong_method_is_a_problem_details_405()
    {
        var response = await app.AdminClient().PutAsync("/api/v1/tenants", Http.RawJson("{}"));
        await response.ShouldBeProblem(HttpStatusCode.MethodNotAllowed);
    }
}

public sealed class OperationsOnSqlite(SqliteFactory app) : OperationsTests<SqliteFactory>(app);

public sealed class OperationsOnPostgres(PostgresFactory app) : OperationsTests<PostgresFactory>(app);
