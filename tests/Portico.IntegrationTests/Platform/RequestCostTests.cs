using System.Net;
using System.Text.RegularExpressions;
using Portico.IntegrationTests.Crm;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Platform;

/// <summary>
/// What one request costs the database, read from the <c>Server-Timing</c> header (the statements the request's
/// connection ran, tenant settings included), and the cached request context that keeps it low without letting a
/// removed member, a revoked session or a new custom field wait for the cache.
/// </summary>
public abstract partial class RequestCostTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    // The context cache keeps facts one second: on a busy machine the gap between two requests can exceed that, so the
    // warm cost is the lowest of a few requests in a row.
    private static async Task<int> WarmStatementsOfAsync(HttpClient client, string url)
    {
        var lowest = int.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            lowest = Math.Min(lowest, await StatementsOfAsync(client, url));
        }

        return lowest;
    }

    private static async Task<int> StatementsOfAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var timing = string.Join(",", response.Headers.GetValues("Server-Timing"));
        return int.Parse(Statements().Match(timing).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_lead_list_page_costs_at_most_two_statements()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        await tenant.CreateFieldAsync(new { recordType = "lead", key = "budget", label = "Budget", type = "number" });
        for (var i = 0; i < 3; i++)
        {
            await tenant.CreateLeadAsync(new { title = $"Lead {i}", customFields = new { budget = i * 100 } });
        }

        var page = tenant.Crm("leads?limit=2&sort=-createdAt&cf.budget[gte]=0");
        await StatementsOfAsync(tenant.Client, page);

        (await WarmStatementsOfAsync(tenant.Client, page)).ShouldBeLessThanOrEqualTo(2, "the page itself, and on PostgreSQL the tenant settings");
    }

    [Fact]
    public async Task Me_costs_at_most_three_statements()
    {
        var user = await app.RegisterAsync();
        var client = user.Client(app);
        await StatementsOfAsync(client, "/api/v1/me");

        (await WarmStatementsOfAsync(client, "/api/v1/me")).ShouldBeLessThanOrEqualTo(3, "the user, the memberships, and on PostgreSQL the settings");
    }

    [Fact]
    public async Task A_removed_member_loses_access_at_the_next_request()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var member = await tenant.AddMemberAsync("Manager");
        await member.Client.GetAsync(tenant.Crm("leads")).ShouldBe(HttpStatusCode.OK);

        await (await tenant.Client.DeleteAsync($"/api/v1/tenants/{tenant.Slug}/members/{member.Id}")).ShouldBe(HttpStatusCode.NoContent);

        await member.Client.GetAsync(tenant.Crm("leads")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_role_change_applies_at_the_next_request()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var member = await tenant.AddMemberAsync("Manager");
        await member.Client.GetAsync($"/api/v1/tenants/{tenant.Slug}/members").ShouldBe(HttpStatusCode.OK);

        await tenant.Client.PatchJson($"/api/v1/tenants/{tenant.Slug}/members/{member.Id}", new { role = "Admin" }).ShouldBe(HttpStatusCode.OK);

        await member.Client.PostJson($"/api/v1/tenants/{tenant.Slug}/invitations", new { email = Accounts.NewEmail(), role = "Employee" }).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_signed_out_session_loses_access_at_the_next_request()
    {
        var user = await app.RegisterAsync();
        var client = user.Client(app);
        await client.GetAsync("/api/v1/me").ShouldBe(HttpStatusCode.OK);

        await client.PostJson("/api/v1/auth/logout", new { refreshToken = user.RefreshToken }).ShouldBe(HttpStatusCode.NoContent);

        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_new_custom_field_can_be_filtered_at_once()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        await tenant.CreateLeadAsync(new { title = "Before the field" });
        await tenant.Client.GetAsync(tenant.Crm("leads?cf.size=M")).ShouldBeProblem(HttpStatusCode.BadRequest);

        await tenant.CreateFieldAsync(new { recordType = "lead", key = "size", label = "Size", type = "select", options = new[] { "S", "M" } });
        await tenant.CreateLeadAsync(new { title = "Medium", customFields = new { size = "M" } });

        var page = await tenant.Client.GetAsync(tenant.Crm("leads?cf.size=M")).ShouldBe(HttpStatusCode.OK);
        page.GetProperty("items").EnumerateArray().Select(l => l.Str("title")).ShouldBe(["Medium"]);
    }

    [Fact]
    public async Task A_suspended_tenant_is_refused_at_the_next_request()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        await tenant.Client.GetAsync(tenant.Crm("leads")).ShouldBe(HttpStatusCode.OK);

        await app.AdminClient().PostAsync($"/api/v1/admin/tenants/{tenant.Slug}/suspend", null).ShouldBe(HttpStatusCode.OK);

        (await tenant.Client.GetAsync(tenant.Crm("leads")).ShouldBeProblem(HttpStatusCode.Forbidden)).Str("type").ShouldEndWith("tenant-suspended");
    }

    [GeneratedRegex("statements=([0-9]+)")]
    private static partial Regex Statements();
}

public sealed class RequestCostTestsOnSqlite(SqliteFactory app) : RequestCostTests<SqliteFactory>(app);

public sealed class RequestCostTestsOnPostgres(PostgresFactory app) : RequestCostTests<PostgresFactory>(app);
