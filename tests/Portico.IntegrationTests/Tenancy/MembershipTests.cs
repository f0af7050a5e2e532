using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Tenancy;

public abstract class MembershipTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private async Task<(TestUser Owner, JsonElement Tenant)> TenantWithOwnerAsync()
    {
        var owner = await app.RegisterAsync();
        var tenant = await (await owner.Client(app).PostJson("/api/v1/tenants", new { name = "Салон Мечта", vertical = "studio" })).ShouldBe(HttpStatusCode.Created);
        return (owner, tenant);
    }

    private async Task<TestUser> AddMemberAsync(TestUser owner, string slug, string role)
    {
        var member = await app.RegisterAsync();
        await (await owner.Client(app).PostJson($"/api/v1/tenants/{slug}/invitations", new { email = member.Email, role })).ShouldBe(HttpStatusCode.Created);
        await (await member.Client(app).PostAsync($"/api/v1/invitations/{app.Smtp.LastLinkToken(member.Email)}/accept", null)).ShouldBe(HttpStatusCode.OK);
        return member;
    }

    [Fact]
    public async Task The_creator_of_a_tenant_is_its_owner_and_sees_it_in_the_profile()
    {
        var (owner, tenant) = await TenantWithOwnerAsync();

        var me = await owner.Client(app).GetAsync("/api/v1/me").ShouldBeOk();
        var membership = me.GetProperty("memberships").EnumerateArray().ShouldHaveSingleItem();
        membership.Str("role").ShouldBe("Owner");
        membership.GetProperty("tenant").Str("slug").ShouldBe(tenant.Str("slug"));
        tenant.Str("slug").ShouldStartWith("salon-mechta");

        var mine = await owner.Client(app).GetAsync("/api/v1/tenants").ShouldBeOk();
        mine.GetProperty("items").EnumerateArray().Select(t => t.Str("id")).ShouldBe([tenant.Str("id")]);
    }

    [Fact]
    public async Task An_invitation_is_emailed_accepted_once_and_only_by_the_invited_person()
    {
        var (owner, tenant) = await TenantWithOwnerAsync();
        var slug = tenant.Str("slug");
        var invited = await app.RegisterAsync(locale: "ru");
        await (await owner.Client(app).PostJson($"/api/v1/tenants/{slug}/invitations", new { email = invited.Email, role = "Manager" })).ShouldBe(HttpStatusCode.Created);
        var mail = app.Smtp.MailFor(invited.Email)[^1];
        mail.Subject.ShouldBe("Приглашение в «Салон Мечта»");
        var token = app.Smtp.LastLinkToken(invited.Email);

        var stranger = await app.RegisterAsync();
        await (await stranger.Client(app).PostAsync($"/api/v1/invitations/{token}/accept", null)).ShouldBeProblem(HttpStatusCode.NotFound);

        var joined = await (await invited.Client(app).PostAsync($"/api/v1/invitations/{token}/accept", null)).ShouldBe(HttpStatusCode.OK);
        joined.Str("role").ShouldBe("Manager");
        await (await invited.Client(app).PostAsync($"/api/v1/invitations/{token}/accept", null)).ShouldBeProblem(HttpStatusCode.NotFound);

        var members = await owner.Client(app).GetAsync($"/api/v1/tenants/{slug}/members").ShouldBeOk();
        members.EnumerateArray().Select(m => (m.Str("email"), m.Str("role"))).ShouldBe([(owner.Email, "Owner"), (invited.Email, "Manager")], ignoreOrder: true);
    }

    [Fact]
    public async Task An_employee_is_refused_an_admin_action()
    {
        var (owner, tenant) = await TenantWithOwnerAsync();
        var employee = await AddMemberAsync(owner, tenant.Str("slug"), "Employee");

        var problem = await (await employee.Client(app).PostJson($"/api/v1/tenants/{tenant.Str("slug")}/invitations", new { email = Accounts.NewEmail(), role = "Employee" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        problem.Str("type").ShouldEndWith("permission-denied");
        await (await employee.Client(app).PatchJson($"/api/v1/tenants/{tenant.Str("slug")}", new { name = "Hijacked" })).ShouldBeProblem(HttpStatusCode.Forbidden);
        await employee.Client(app).GetAsync($"/api/v1/tenants/{tenant.Str("slug")}/audit").ShouldBeProblem(HttpStatusCode.Forbidden);
        await employee.Client(app).GetAsync($"/api/v1/tenants/{tenant.Str("slug")}").ShouldBeOk();
    }

    [Fact]
    public async Task A_role_change_applies_at_the_next_request_with_the_same_token()
    {
        var (owner, tenant) = await TenantWithOwnerAsync();
        var slug = tenant.Str("slug");
        var admin = await AddMemberAsync(owner, slug, "Admin");
        var adminClient = admin.Client(app);
        await (await adminClient.PatchJson($"/api/v1/tenants/{slug}", new { brandColor = "#7b61ff" })).ShouldBe(HttpStatusCode.OK);

        var me = await admin.Client(app).GetAsync("/api/v1/me").ShouldBeOk();
        var adminId = me.Str("id");
        await (await owner.Client(app).PatchJson($"/api/v1/tenants/{slug}/members/{adminId}", new { role = "Employee" })).ShouldBe(HttpStatusCode.OK);

        await (await adminClient.PatchJson($"/api/v1/tenants/{slug}", new { brandColor = "#000000" })).ShouldBeProblem(HttpStatusCode.Forbidden);

        await (await owner.Client(app).DeleteAsync($"/api/v1/tenants/{slug}/members/{adminId}")).ShouldBe(HttpStatusCode.NoContent);
        await adminClient.GetAsync($"/api/v1/tenants/{slug}").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_an_owner_grants_top_roles_and_the_last_owner_cannot_leave()
    {
        var (owner, tenant) = await TenantWithOwnerAsync();
        var slug = tenant.Str("slug");
        var admin = await AddMemberAsync(owner, slug, "Admin");
        var ownerId = (await owner.Client(app).GetAsync("/api/v1/me").ShouldBeOk()).Str("id");

        await (await admin.Client(app).PostJson($"/api/v1/tenants/{slug}/invitations", new { email = Accounts.NewEmail(), role = "Owner" })).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await admin.Client(app).PostJson($"/api/v1/tenants/{slug}/invitations", new { email = Accounts.NewEmail(), role = "Manager" })).ShouldBe(HttpStatusCode.Created);
        await (await admin.Client(app).PatchJson($"/api/v1/tenants/{slug}/members/{ownerId}", new { role = "Employee" })).ShouldBeProblem(HttpStatusCode.Forbidden);

        (await (await owner.Client(app).DeleteAsync($"/api/v1/tenants/{slug}/members/{ownerId}")).ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("last-owner");
        await (await owner.Client(app).PatchJson($"/api/v1/tenants/{slug}/members/{ownerId}", new { role = "Admin" })).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_suspended_tenant_answers_403_until_reactivated()
    {
        var (owner, tenant) = await TenantWithOwnerAsync();
        var slug = tenant.Str("slug");
        var admin = app.AdminClient();

        await (await admin.PostAsync($"/api/v1/admin/tenants/{slug}/suspend", null)).ShouldBe(HttpStatusCode.OK);
        (await owner.Client(app).GetAsync($"/api/v1/tenants/{slug}").ShouldBeProblem(HttpStatusCode.Forbidden)).Str("type").ShouldEndWith("tenant-suspended");

        await (await admin.PostAsync($"/api/v1/admin/tenants/{slug}/reactivate", null)).ShouldBe(HttpStatusCode.OK);
        await owner.Client(app).GetAsync($"/api/v1/tenants/{slug}").ShouldBeOk();
        await owner.Client(app).PostAsync($"/api/v1/admin/tenants/{slug}/suspend", null).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// Walks every route under /tenants/{tenant} (discovered from routing, so routes added later are
    /// covered): a member of tenant A reaching tenant B by its slug gets 404 on each, and B is untouched.
    /// </summary>
    [Fact]
    public async Task A_member_of_one_tenant_gets_404_on_every_route_of_another()
    {
        var (ownerA, _) = await TenantWithOwnerAsync();
        var (ownerB, tenantB) = await TenantWithOwnerAsync();
        var slugB = tenantB.Str("slug");
        var ownerBId = (await ownerB.Client(app).GetAsync("/api/v1/me").ShouldBeOk()).Str("id");

        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/tenants/{tenant}", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .ToList();
        routes.Count.ShouldBeGreaterThanOrEqualTo(8);

        var intruder = ownerA.Client(app);
        var failures = new List<string>();
        foreach (var (method, pattern) in routes)
        {
            var url = System.Text.RegularExpressions.Regex.Replace(pattern.Replace("{tenant}", slugB, StringComparison.Ordinal), "{userId[^}]*}", ownerBId);
            url = System.Text.RegularExpressions.Regex.Replace(url, "{[^}]+}", Guid.NewGuid().ToString());
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PATCH" or "PUT")
            {
                request.Content = Http.RawJson("{\"name\":\"Pwned\",\"role\":\"Employee\",\"email\":\"x@portico.test\"}");
            }

            using var response = await intruder.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                failures.Add($"{method} {url}: {(int)response.StatusCode}");
            }
        }

        failures.ShouldBeEmpty();
        var stillB = await ownerB.Client(app).GetAsync($"/api/v1/tenants/{slugB}").ShouldBeOk();
        stillB.Str("name").ShouldBe("Салон Мечта");
        (await ownerB.Client(app).GetAsync($"/api/v1/tenants/{slugB}/members").ShouldBeOk()).GetArrayLength().ShouldBe(1);
    }
}

public sealed class MembershipsOnSqlite(SqliteFactory app) : MembershipTests<SqliteFactory>(app);

public sealed class MembershipsOnPostgres(PostgresFactory app) : MembershipTests<PostgresFactory>(app);
