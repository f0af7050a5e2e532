using System.Net;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Identity;

public abstract class PersonalDataTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task A_user_downloads_their_data()
    {
        var user = await app.RegisterAsync();
        await (await user.Client(app).PostJson("/api/v1/tenants", new { name = "Export Shop", vertical = "generic" })).ShouldBe(HttpStatusCode.Created);

        var export = await user.Client(app).GetAsync("/api/v1/me/export").ShouldBeOk();

        export.GetProperty("profile").Str("email").ShouldBe(user.Email);
        export.GetProperty("profile").GetProperty("memberships")[0].Str("role").ShouldBe("Owner");
        export.GetProperty("sessions").GetArrayLength().ShouldBe(1);
        export.GetRawText().ShouldNotContain("passwordHash", Case.Insensitive);
    }

    [Fact]
    public async Task The_only_owner_of_a_tenant_must_hand_over_before_erasure()
    {
        var user = await app.RegisterAsync();
        var tenant = await (await user.Client(app).PostJson("/api/v1/tenants", new { name = "Sole Shop", vertical = "generic" })).ShouldBe(HttpStatusCode.Created);

        var problem = await (await user.Client(app).DeleteAsync("/api/v1/me")).ShouldBeProblem(HttpStatusCode.Conflict);
        problem.Str("type").ShouldEndWith("sole-owner");
        problem.Str("detail").ShouldContain(tenant.Str("slug"));
        await user.Client(app).GetAsync("/api/v1/me").ShouldBeOk();
    }

    [Fact]
    public async Task Erasure_signs_out_removes_memberships_and_forgets_the_person()
    {
        var user = await app.RegisterAsync();
        var owner = await app.RegisterAsync();
        var tenant = await (await owner.Client(app).PostJson("/api/v1/tenants", new { name = "Team Shop", vertical = "generic" })).ShouldBe(HttpStatusCode.Created);
        await (await owner.Client(app).PostJson($"/api/v1/tenants/{tenant.Str("slug")}/invitations", new { email = user.Email, role = "Employee" })).ShouldBe(HttpStatusCode.Created);
        await (await user.Client(app).PostAsync($"/api/v1/invitations/{app.Smtp.LastLinkToken(user.Email)}/accept", null)).ShouldBe(HttpStatusCode.OK);
        var userId = (await user.Client(app).GetAsync("/api/v1/me").ShouldBeOk()).Str("id");

        (await user.Client(app).DeleteAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await user.Client(app).GetAsync("/api/v1/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await app.SignInAsync(user.Email, user.Password)).GetProperty("status").GetInt32().ShouldBe(401);
        var members = await owner.Client(app).GetAsync($"/api/v1/tenants/{tenant.Str("slug")}/members").ShouldBeOk();
        members.GetArrayLength().ShouldBe(1);

        var log = await app.AdminClient().GetAsync($"/api/v1/platform/audit?entityType=User&entityId={userId}").ShouldBeOk();
        log.GetProperty("items").GetArrayLength().ShouldBeGreaterThan(0);
        log.GetRawText().ShouldNotContain(user.Email);
        log.GetRawText().ShouldNotContain("Test Person");
    }

    [Fact]
    public async Task Platform_admins_list_users_and_see_statistics_and_others_do_not()
    {
        var user = await app.RegisterAsync();
        var admin = app.AdminClient();

        var found = await admin.GetAsync($"/api/v1/admin/users?q={Uri.EscapeDataString(user.Email[..12])}").ShouldBeOk();
        found.GetProperty("items").EnumerateArray().Select(u => u.Str("email")).ShouldContain(user.Email);

        var stats = await admin.GetAsync("/api/v1/admin/stats").ShouldBeOk();
        stats.GetProperty("users").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
        stats.GetProperty("signUpsPerDay").GetArrayLength().ShouldBeGreaterThan(0);

        await user.Client(app).GetAsync("/api/v1/admin/users").ShouldBeProblem(HttpStatusCode.Forbidden);
        await user.Client(app).GetAsync("/api/v1/admin/stats").ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}

public sealed class PersonalDataOnSqlite(SqliteFactory app) : PersonalDataTests<SqliteFactory>(app);

public sealed class PersonalDataOnPostgres(PostgresFactory app) : PersonalDataTests<PostgresFactory>(app);
