using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Platform;

/// <summary>The real executable as an operator runs it: verbs, exit codes, start-up and graceful shutdown.</summary>
public sealed partial class CommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("portico-cli-").FullName;

    private string SqliteConnectionString => $"Data Source={Path.Combine(_directory, "portico.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Help_lists_the_verbs()
    {
        var (exit, output, _) = await PorticoProcess.RunAsync(_directory, SqliteEnvironment(), "--help");
        exit.ShouldBe(0);
        foreach (var verb in new[] { "serve", "migrate", "seed-demo", "create-admin" })
        {
            output.ShouldContain(verb);
        }
    }

    [Fact]
    public async Task A_mistyped_verb_is_a_usage_error_not_a_server_start()
    {
        var (exit, _, error) = await PorticoProcess.RunAsync(_directory, SqliteEnvironment(), "migrat");
        exit.ShouldBe(1);
        error.ShouldContain("Unknown command 'migrat'");
    }

    [Fact]
    public async Task An_unreachable_database_fails_migrate_with_exit_code_2_and_no_stack_trace()
    {
        var environment = new Dictionary<string, string>
        {
            ["Portico__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Portico"] = "Host=127.0.0.1;Port=1;Database=nothing;Username=x;Password=y;Timeout=2",
        };
        var (exit, _, error) = await PorticoProcess.RunAsync(_directory, environment, "migrate");
        exit.ShouldBe(2);
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_missing_required_option_is_a_usage_error()
    {
        var (exit, _, error) = await PorticoProcess.RunAsync(_directory, SqliteEnvironment(), "create-admin", "--email", "a@b.c");
        exit.ShouldBe(1);
        error.ShouldContain("--password");
    }

    [Fact]
    public async Task A_weak_admin_password_fails_with_the_rule_and_exit_code_2()
    {
        var (exit, _, error) = await PorticoProcess.RunAsync(_directory, SqliteEnvironment(), "create-admin", "--email", "a@b.c", "--password", "short");
        exit.ShouldBe(2);
        error.ShouldContain("password must be at least 10 characters long");
    }

    [Fact]
    public async Task Migrate_then_seed_demo_twice_leaves_one_set_of_demo_tenants_and_their_crm()
    {
        (await PorticoProcess.RunAsync(_directory, SqliteEnvironment(), "migrate")).Exit.ShouldBe(0);
        (await PorticoProcess.RunAsync(_directory, SqliteEnvironment(), "seed-demo")).Exit.ShouldBe(0);
        (await PorticoProcess.RunAsync(_directory, SqliteEnvironment(), "seed-demo")).Exit.ShouldBe(0);

        await using var connection = new SqliteConnection(SqliteConnectionString);
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT group_concat(slug) FROM (SELECT slug FROM tenancy_tenants ORDER BY slug)", connection);
        (await command.ExecuteScalarAsync()).ShouldBe("demo-bots,demo-gaming,demo-inbox,demo-studio,demo-workshop");
        await using var roles = new SqliteCommand(
            "SELECT group_concat(role) FROM (SELECT m.role FROM tenancy_memberships m JOIN tenancy_tenants t ON t.id = m.tenant_id WHERE t.slug = 'demo-studio' ORDER BY m.role)", connection);
        (await roles.ExecuteScalarAsync()).ShouldBe("Admin,Employee,Owner");
        await using var people = new SqliteCommand("SELECT count(*) FROM tenancy_memberships", connection);
        // Three people in each of the five demo tenants, and the demo workshop's mechanic.
        (await people.ExecuteScalarAsync()).ShouldBe(16L);

        // The salon's CRM, once: Russian clients and leads, deals across the pipeline.
        var contacts = await ColumnAsync(connection, "SELECT c.name FROM crm_contacts c JOIN tenancy_tenants t ON t.id = c.tenant_id WHERE t.slug = 'demo-studio'");
        contacts.Count.ShouldBeInRange(40, 45);
        contacts.ShouldAllBe(name => Cyrillic().IsMatch(name!));
        var leads = await ColumnAsync(connection, "SELECT l.contact_name FROM crm_leads l JOIN tenancy_tenants t ON t.id = l.tenant_id WHERE t.slug = 'demo-studio'");
        leads.Count.ShouldBe(30);
        leads.Where(name => name is not null).ShouldAllBe(name => Cyrillic().IsMatch(name!));
        var deals = await ColumnAsync(connection, "SELECT d.status FROM crm_deals d JOIN tenancy_tenants t ON t.id = d.tenant_id WHERE t.slug = 'demo-studio'");
        string.Join(",", deals.Distinct().Order()).ShouldBe("lost,open,won");

        // The workshop's repair work, once: orders in every status of the flow, cars of its CRM clients.
        var orders = await ColumnAsync(connection, "SELECT o.status FROM workorders_work_orders o JOIN tenancy_tenants t ON t.id = o.tenant_id WHERE t.slug = 'demo-workshop'");
        orders.Count.ShouldBe(12);
        string.Join(",", orders.Distinct().Order()).ShouldBe("approved,cancelled,delivered,draft,estimate_sent,in_progress,ready,scheduled,waiting_for_parts");
        (await ColumnAsync(connection, "SELECT v.make FROM crm_vehicles v JOIN tenancy_tenants t ON t.id = v.tenant_id WHERE t.slug = 'demo-workshop'")).Count.ShouldBeInRange(40, 46);
    }

    [Fact]
    public async Task A_demo_owner_signs_in_and_sees_the_demo_tenant()
    {
        (await PorticoProcess.RunAsync(_directory, SqliteEnvironment(), "seed-demo")).Exit.ShouldBe(0);
        await using var server = await PorticoProcess.ServeAsync(_directory, SqliteEnvironment());
        var tokens = await (await server.Client.PostJson("/api/v1/auth/login", new { email = "owner@demo-studio.portico.test", password = "portico demo password" })).ShouldBe(HttpStatusCode.OK);
        server.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.Str("accessToken"));
        var tenant = await server.Client.GetAsync("/api/v1/tenants/demo-studio").ShouldBeOk();
        tenant.Str("name").ShouldBe("Салон «Лаванда»");
    }

    [Fact]
    public async Task Serve_with_demo_seeding_on_starts_with_the_demo_tenants()
    {
        var environment = SqliteEnvironment();
        environment["Portico__SeedDemoOnStartup"] = "true";
        await using var server = await PorticoProcess.ServeAsync(_directory, environment);
        var tokens = await (await server.Client.PostJson("/api/v1/auth/login", new { email = "owner@demo-workshop.portico.test", password = "portico demo password" })).ShouldBe(HttpStatusCode.OK);
        server.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.Str("accessToken"));
        (await server.Client.GetAsync("/api/v1/tenants/demo-workshop").ShouldBeOk()).Str("name").ShouldBe("Автосервис «Колесо»");
    }

    [Fact]
    public async Task Create_admin_then_sign_in_over_http()
    {
        (await PorticoProcess.RunAsync(_directory, SqliteEnvironment(), "create-admin", "--email", "ops@portico.test", "--password", "a long enough password")).Exit.ShouldBe(0);
        await using var server = await PorticoProcess.ServeAsync(_directory, SqliteEnvironment());
        var response = await server.Client.PostJson("/api/v1/auth/login", new { email = "ops@portico.test", password = "a long enough password" });
        (await response.ShouldBe(HttpStatusCode.OK)).Str("tokenType").ShouldBe("Bearer");
    }

    [Fact]
    public async Task Serve_on_sqlite_is_ready_and_stops_gracefully_on_sigterm()
    {
        await using var server = await PorticoProcess.ServeAsync(_directory, SqliteEnvironment());
        (await server.Client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await server.Client.GetAsync("/docs/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await server.StopAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task In_production_metrics_are_for_loopback_or_the_metrics_token_and_no_server_header_is_sent()
    {
        var environment = SqliteEnvironment();
        environment["Portico__Logging__Format"] = "json";
        environment["Portico__Metrics__Token"] = "scrape-secret-for-tests";
        // Behind a proxy the caller's address comes from X-Forwarded-For: a caller from outside is not loopback.
        environment["Portico__Http__TrustForwardedHeaders"] = "true";
        await using var server = await PorticoProcess.ServeAsync(_directory, environment);

        var local = await server.Client.GetAsync("/metrics");
        local.StatusCode.ShouldBe(HttpStatusCode.OK);
        local.Headers.Server.ShouldBeEmpty();

        async Task<HttpStatusCode> FromOutside(string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            if (token is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await server.Client.SendAsync(request);
            response.Headers.Server.ShouldBeEmpty();
            return response.StatusCode;
        }

        (await FromOutside(null)).ShouldBe(HttpStatusCode.Forbidden);
        (await FromOutside("not-the-secret")).ShouldBe(HttpStatusCode.Forbidden);
        (await FromOutside("scrape-secret-for-tests")).ShouldBe(HttpStatusCode.OK);
        (await server.Client.GetAsync("/api/v1/no-such-route")).Headers.Server.ShouldBeEmpty();

        // The JSON log names the migrations it applied, not a collection type.
        server.Output.ShouldContain("_Initial");
        server.Output.ShouldNotContain("System.Collections.Generic");
        (await server.StopAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Serve_on_postgres_migrates_as_owner_and_runs_as_the_application_role()
    {
        var database = $"portico_cli_{Guid.NewGuid():N}";
        await PostgresFactory.CreateAsync(database);

        var environment = new Dictionary<string, string>
        {
            ["Portico__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Portico"] = new NpgsqlConnectionStringBuilder(PostgresFactory.ApplicationConnectionString) { Database = database }.ConnectionString,
            ["ConnectionStrings__PorticoMigrations"] = new NpgsqlConnectionStringBuilder(PostgresFactory.OwnerConnectionString) { Database = database }.ConnectionString,
            ["Portico__Auth__KeyFile"] = Path.Combine(_directory, "jwt.key"),
        };
        try
        {
            await using var server = await PorticoProcess.ServeAsync(_directory, environment);
            var health = await server.Client.GetAsync("/health/ready").ShouldBeOk();
            health.GetProperty("checks").GetProperty("database").Str("description").ShouldContain("Npgsql");
            (await server.StopAsync()).ShouldBe(0);
        }
        finally
        {
            await PostgresFactory.DropAsync(database);
        }
    }

    private static async Task<List<string?>> ColumnAsync(SqliteConnection connection, string sql)
    {
        await using var command = new SqliteCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string?>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        return values;
    }

    [GeneratedRegex(@"^\p{IsCyrillic}+ \p{IsCyrillic}+$")]
    private static partial Regex Cyrillic();

    private Dictionary<string, string> SqliteEnvironment() => new()
    {
        ["ConnectionStrings__Portico"] = SqliteConnectionString,
        ["Portico__Auth__KeyFile"] = Path.Combine(_directory, "jwt.key"),
    };
}
