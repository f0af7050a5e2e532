using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Crm;
using Portico.IntegrationTests.Infrastructure;
using Portico.Identity.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.IntegrationTests.Platform;

/// <summary>
/// The OpenAPI document is the contract clients are generated from: every operation shows its own bodies, says
/// which token it needs, and lists every status it can answer. The walk below calls every endpoint the way
/// clients get it wrong (no token, a lesser role, another tenant's slug, ids that match nothing, bad bodies
/// and queries) and fails on any status the document does not list for that operation.
/// </summary>
public abstract partial class ApiContractTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private async Task<JsonElement> DocumentAsync() => await app.CreateClient().GetAsync("/openapi/v1.json").ShouldBeOk();

    private static JsonElement Operation(JsonElement document, string method, string path) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());

    private static string SchemaOf(JsonElement content) =>
        content.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;

    [Fact]
    public async Task Each_operation_shows_its_own_request_and_response_schemas()
    {
        var document = await DocumentAsync(); // a second type under a taken schema name fails the document (500)
        var login = Operation(document, "POST", "/api/v1/auth/login");
        var register = Operation(document, "POST", "/api/v1/auth/register");
        var createTenant = Operation(document, "POST", "/api/v1/tenants");

        SchemaOf(login.GetProperty("requestBody").GetProperty("content")).ShouldBe("#/components/schemas/LoginRequest");
        SchemaOf(register.GetProperty("requestBody").GetProperty("content")).ShouldBe("#/components/schemas/RegisterRequest");
        SchemaOf(createTenant.GetProperty("requestBody").GetProperty("content")).ShouldBe("#/components/schemas/CreateTenantRequest");
        SchemaOf(login.GetProperty("responses").GetProperty("200").GetProperty("content")).ShouldBe("#/components/schemas/LoginResponse");

        var schemas = document.GetProperty("components").GetProperty("schemas");
        schemas.GetProperty("LoginRequest").GetProperty("properties").TryGetProperty("password", out _).ShouldBeTrue();
        schemas.GetProperty("CreateTenantRequest").GetProperty("properties").TryGetProperty("vertical", out _).ShouldBeTrue();
        schemas.TryGetProperty("Request", out _).ShouldBeFalse("a bare 'Request' schema means nested types still collapse");
        schemas.TryGetProperty("Response", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task The_bearer_scheme_is_declared_and_required_exactly_where_a_token_is()
    {
        var document = await DocumentAsync();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        scheme.Str("type").ShouldBe("http");
        scheme.Str("scheme").ShouldBe("bearer");
        scheme.Str("bearerFormat").ShouldBe("JWT");

        Operation(document, "POST", "/api/v1/auth/login").TryGetProperty("security", out _).ShouldBeFalse();
        Operation(document, "POST", "/api/v1/auth/register").TryGetProperty("security", out _).ShouldBeFalse();
        var me = Operation(document, "GET", "/api/v1/me");
        me.GetProperty("security")[0].TryGetProperty("Bearer", out _).ShouldBeTrue();
        Operation(document, "GET", "/api/v1/tenants/{tenant}/crm/contacts").GetProperty("security")[0].TryGetProperty("Bearer", out _).ShouldBeTrue();

        // A token from the documented sign-in works on the documented call, as "try it" in /docs sends it.
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.AdminToken);
        await client.GetAsync("/api/v1/me").ShouldBeOk();
        var docs = await app.CreateClient().GetStringAsync("/docs/");
        docs.ShouldContain("Bearer");
    }

    [Fact]
    public async Task Every_operation_has_a_summary_problem_answers_and_example_bodies()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                if (!operation.Value.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
                {
                    failures.Add($"{name}: no summary");
                }

                if (operation.Value.TryGetProperty("requestBody", out var body))
                {
                    foreach (var media in body.GetProperty("content").EnumerateObject().Where(m => m.Name == "application/json"))
                    {
                        if (!media.Value.TryGetProperty("example", out _))
                        {
                            failures.Add($"{name}: no example body");
                        }
                    }
                }

                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('4')))
                {
                    if (!response.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out var problem)
                        || !problem.GetProperty("schema").GetProperty("$ref").GetString()!.EndsWith("ProblemDetails", StringComparison.Ordinal))
                    {
                        failures.Add($"{name}: {response.Name} is not documented as problem details");
                    }
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Uploads_are_documented_as_multipart_with_a_413()
    {
        var document = await DocumentAsync();
        foreach (var path in new[] { "/api/v1/tenants/{tenant}/files", "/api/v1/tenants/{tenant}/crm/imports", "/api/v1/tenants/{tenant}/inventory/imports" })
        {
            var upload = Operation(document, "POST", path);
            var form = upload.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
            form.GetProperty("properties").GetProperty("file").Str("format").ShouldBe("binary");
            upload.GetProperty("responses").TryGetProperty("413", out _).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task Every_status_an_endpoint_answers_is_in_the_document()
    {
        var document = await DocumentAsync();
        var tenant = await CrmTestTenant.CreateAsync(app);
        var employee = await tenant.AddMemberAsync("Employee");
        var stranger = await CrmTestTenant.CreateAsync(app); // owner of another tenant: this tenant's ids are 404 to them
        var callers = new (string Name, HttpClient Client)[]
        {
            ("anonymous", app.CreateClient()),
            ("employee", employee.Client),
            ("other tenant's owner", stranger.Client),
            ("owner", tenant.Client),
            ("platform admin", await app.OwnAdminClientAsync()), // its own: the walk may delete its account
        };

        var observed = new Dictionary<(string Method, string Path), SortedSet<int>>();
        var undocumented = new List<string>();
        // Reads before writes, deletions last: a deleted tenant or account ends what can be tried after it.
        foreach (var (method, pattern) in Endpoints().OrderBy(e => e.Method switch { "GET" => 0, "DELETE" => 2, _ => 1 }))
        {
            var path = DocumentPath(pattern);
            if (!document.GetProperty("paths").TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                undocumented.Add($"{method} {path}: not in the document");
                continue;
            }

            var statuses = observed[(method, path)] = [];
            var url = WithIds(pattern.Replace("{tenant}", tenant.Slug, StringComparison.Ordinal));
            foreach (var (_, client) in callers)
            {
                foreach (var (query, body) in Attempts(method))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), url + query) { Content = body };
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    if ((int)response.StatusCode >= 400)
                    {
                        statuses.Add((int)response.StatusCode);
                    }
                }
            }

            var documented = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
            undocumented.AddRange(statuses.Where(s => !documented.Contains(s.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Select(s => $"{method} {path}: answers {s}, documents {string.Join(",", documented.Order())}"));
        }

        observed.Count.ShouldBeGreaterThan(100);
        observed.Values.SelectMany(s => s).Distinct().ShouldContain(401);
        observed.Values.SelectMany(s => s).Distinct().ShouldContain(403);
        observed.Values.SelectMany(s => s).Distinct().ShouldContain(404);
        undocumented.ShouldBeEmpty();
    }

    /// <summary>What each caller sends: no body and a bad query to reads; for writes an empty object, broken JSON, text and an unknown field.</summary>
    private static IEnumerable<(string Query, HttpContent? Body)> Attempts(string method)
    {
        if (method is "GET" or "DELETE")
        {
            yield return ("", null);
            yield return ("?limit=abc&cursor=%25%25", null);
            yield break;
        }

        yield return ("", new StringContent("{}", Encoding.UTF8, "application/json"));
        yield return ("", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));
        yield return ("", new StringContent("{\"name\":\"x\"}", Encoding.UTF8, "text/plain"));
        yield return ("", new StringContent("{\"unknownField\":true}", Encoding.UTF8, "application/json"));
    }

    private IEnumerable<(string Method, string Pattern)> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true
                && e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!)));

    /// <summary>The document's path for a route pattern: parameters without their constraints.</summary>
    private static string DocumentPath(string pattern) => RouteParameter().Replace(pattern, "{$1}").TrimEnd('/');

    private static string WithIds(string pattern) =>
        RouteParameter().Replace(pattern, m => m.Value.Contains(":guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : "no-such-" + Guid.NewGuid().ToString("N")[..8]);

    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}

public sealed class ApiContractOnSqlite(SqliteFactory app) : ApiContractTests<SqliteFactory>(app);

public sealed class ApiContractOnPostgres(PostgresFactory app) : ApiContractTests<PostgresFactory>(app);
