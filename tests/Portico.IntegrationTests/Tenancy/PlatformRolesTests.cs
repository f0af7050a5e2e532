using System.Net;
using System.Net.Http.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Tenancy;

public abstract class PlatformRolesTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task An_account_manager_lists_only_the_tenants_assigned_to_them()
    {
        var admin = app.AdminClient();
        var manager = await app.RegisterAsync();
        var managerId = (await manager.Client(app).GetAsync("/api/v1/me").ShouldBeOk()).Str("id");
        await manager.Client(app).GetAsync("/api/v1/manager/tenants").ShouldBeProblem(HttpStatusCode.Forbidden);

        var owner = await app.RegisterAsync();
        var assigned = await (await owner.Client(app).PostJson("/api/v1/tenants", new { name = "Managed Salon", vertical = "studio" })).ShouldBe(HttpStatusCode.Created);
        await (await owner.Client(app).PostJson("/api/v1/tenants", new { name = "Unmanaged Salon", vertical = "studio" })).ShouldBe(HttpStatusCode.Created);

        await (await admin.PutAsJsonAsync($"/api/v1/admin/tenants/{assigned.Str("slug")}/manager", new { userId = managerId })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await admin.PutAsJsonAsync($"/api/v1/admin/users/{managerId}/platform-role", new { role = "AccountManager" })).ShouldBe(HttpStatusCode.OK);
        (await (await admin.PutAsJsonAsync($"/api/v1/admin/tenants/{assigned.Str("slug")}/manager", new { userId = managerId })).ShouldBe(HttpStatusCode.OK)).Str("managerId").ShouldBe(managerId);
        // By address too, as the console sends it; an address without the role is refused on "email".
        await (await admin.PutAsJsonAsync($"/api/v1/admin/tenants/{assigned.Str("slug")}/manager", new { email = owner.Email })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        (await (await admin.PutAsJsonAsync($"/api/v1/admin/tenants/{assigned.Str("slug")}/manager", new { email = manager.Email.ToUpperInvariant() })).ShouldBe(HttpStatusCode.OK)).Str("managerId").ShouldBe(managerId);

        var token = (await app.SignInAsync(manager.Email, manager.Password)).Str("accessToken");
        var mine = await new TestUser(manager.Email, "", token, "").Client(app).GetAsync("/api/v1/manager/tenants").ShouldBeOk();
        mine.EnumerateArray().Select(t => t.Str("slug")).ShouldBe([assigned.Str("slug")]);
        await owner.Client(app).GetAsync("/api/v1/manager/tenants").ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_tenant_host_name_serves_its_public_branding()
    {
        var owner = await app.RegisterAsync();
        var tenant = await (await owner.Client(app).PostJson("/api/v1/tenants", new { name = "Тату Игла", vertical = "studio" })).ShouldBe(HttpStatusCode.Created);
        await (await owner.Client(app).PatchJson($"/api/v1/tenants/{tenant.Str("slug")}", new { brandColor = "#112233" })).ShouldBe(HttpStatusCode.OK);

        var visitor = app.CreateClient();
        visitor.BaseAddress = new Uri($"http://{tenant.Str("slug")}.portico.test");
        var branding = await visitor.GetAsync("/api/v1/public/tenant").ShouldBeOk();
        branding.Str("name").ShouldBe("Тату Игла");
        branding.Str("brandColor").ShouldBe("#112233");
        branding.TryGetProperty("id", out _).ShouldBeFalse();

        var nowhere = app.CreateClient();
        nowhere.BaseAddress = new Uri("http://no-such-salon.portico.test");
        await nowhere.GetAsync("/api/v1/public/tenant").ShouldBeProblem(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync($"/api/v1/public/tenants/{tenant.Str("slug")}").ShouldBeOk()).Str("slug").ShouldBe(tenant.Str("slug"));
    }

    [Fact]
    public async Task Another_tenants_host_name_cannot_redirect_a_tenant_route()
    {
        var (owner, victimOwner) = (await app.RegisterAsync(), await app.RegisterAsync());
        var mine = await (await owner.Client(app).PostJson("/api/v1/tenants", new { name = "Mine", vertical = "studio" })).ShouldBe(HttpStatusCode.Created);
        var victim = await (await victimOwner.Client(app).PostJson("/api/v1/tenants", new { name = "Victim", vertical = "studio" })).ShouldBe(HttpStatusCode.Created);

        var sneaky = owner.Client(app);
        sneaky.BaseAddress = new Uri($"http://{victim.Str("slug")}.portico.test");
        var changed = await (await sneaky.PatchJson($"/api/v1/tenants/{mine.Str("slug")}", new { name = "Renamed" })).ShouldBe(HttpStatusCode.OK);
        changed.Str("id").ShouldBe(mine.Str("id"));
        (await sneaky.DeleteAsync($"/api/v1/tenants/{mine.Str("slug")}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var untouched = await victimOwner.Client(app).GetAsync($"/api/v1/tenants/{victim.Str("slug")}").ShouldBeOk();
        untouched.Str("name").ShouldBe("Victim");
    }

    [Fact]
    public async Task The_last_platform_administrator_cannot_be_demoted()
    {
        var adminId = (await app.AdminClient().GetAsync("/api/v1/me").ShouldBeOk()).Str("id");
        (await (await app.AdminClient().PutAsJsonAsync($"/api/v1/admin/users/{adminId}/platform-role", new { role = (string?)null }))
            .ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("last-platform-admin");
    }
}

public sealed class PlatformRolesOnSqlite(SqliteFactory app) : PlatformRolesTests<SqliteFactory>(app);

public sealed class PlatformRolesOnPostgres(PostgresFactory app) : PlatformRolesTests<PostgresFactory>(app);
