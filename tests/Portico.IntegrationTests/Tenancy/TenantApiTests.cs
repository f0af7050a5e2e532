using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Tenancy;

public abstract class TenantApiTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private readonly HttpClient _admin = app.AdminClient();

    private async Task<JsonElement> CreateTenant(string? slug = null, string name = "Test Salon", string vertical = "studio")
    {
        var response = await _admin.PostJson("/api/v1/tenants", new { name, slug = slug ?? Http.Unique("t"), vertical });
        return await response.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Creating_a_tenant_answers_201_with_its_location_version_and_defaults()
    {
        var slug = Http.Unique("salon");
        var response = await _admin.PostJson("/api/v1/tenants", new { name = "Салон «Лаванда»", slug, vertical = "studio", locale = "ru" });

        var tenant = await response.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/tenants/{slug}");
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        tenant.Str("slug").ShouldBe(slug);
        tenant.Str("name").ShouldBe("Салон «Лаванда»");
        tenant.Str("currency").ShouldBe("RUB");
        tenant.Str("timeZone").ShouldBe("UTC");
        Guid.Parse(tenant.Str("id")).Version.ShouldBe(7);

        var fetched = await _admin.GetAsync($"/api/v1/tenants/{slug}").ShouldBeOk();
        fetched.Str("id").ShouldBe(tenant.Str("id"));
    }

    [Fact]
    public async Task Without_a_slug_one_is_made_from_the_name_and_kept_unique()
    {
        var name = "Автосервис " + Guid.NewGuid().ToString("N")[..6];
        var first = await (await _admin.PostJson("/api/v1/tenants", new { name, vertical = "workshop" })).ShouldBe(HttpStatusCode.Created);
        var second = await (await _admin.PostJson("/api/v1/tenants", new { name, vertical = "workshop" })).ShouldBe(HttpStatusCode.Created);

        first.Str("slug").ShouldStartWith("avtoservis-");
        second.Str("slug").ShouldBe(first.Str("slug") + "-2");
    }

    [Fact]
    public async Task A_taken_slug_is_a_409()
    {
        var slug = Http.Unique("dup");
        await CreateTenant(slug);
        var problem = await (await _admin.PostJson("/api/v1/tenants", new { name = "Other", slug, vertical = "bots" })).ShouldBeProblem(HttpStatusCode.Conflict);
        problem.Str("detail").ShouldContain(slug);
    }

    [Fact]
    public async Task Invalid_fields_are_a_422_naming_every_field_and_rule()
    {
        var response = await _admin.PostJson("/api/v1/tenants", new
        {
            name = "",
            slug = "Bad_Slug",
            vertical = "spaceship",
            timeZone = "Mars/Olympus",
            currency = "XYZ1",
            locale = "fr",
        });

        var problem = await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "name", "slug", "vertical", "timeZone", "currency", "locale" })
        {
            errors.TryGetProperty(field, out var messages).ShouldBeTrue(field);
            messages.GetArrayLength().ShouldBeGreaterThan(0);
        }

        errors.GetProperty("vertical")[0].GetString()!.ShouldContain("studio, workshop, omnichannel, bots, gaming, generic");
    }

    [Fact]
    public async Task Updating_with_the_current_etag_succeeds_and_a_stale_one_is_a_412()
    {
        var tenant = await CreateTenant();
        var url = $"/api/v1/tenants/{tenant.Str("slug")}";

        var updated = await (await _admin.PatchJson(url, new { name = "Renamed", timeZone = "Europe/Moscow" }, ifMatch: "\"1\"")).ShouldBe(HttpStatusCode.OK);
        updated.Str("name").ShouldBe("Renamed");
        updated.Str("timeZone").ShouldBe("Europe/Moscow");
        updated.Str("currency").ShouldBe(tenant.Str("currency"));
        updated.GetProperty("version").GetInt64().ShouldBe(2);

        var stale = await _admin.PatchJson(url, new { name = "Lost update" }, ifMatch: "\"1\"");
        (await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed)).Str("detail").ShouldContain("version 2");
        (await _admin.GetAsync(url).ShouldBeOk()).Str("name").ShouldBe("Renamed");
    }

    [Fact]
    public async Task Of_two_racing_updates_on_the_same_version_exactly_one_wins()
    {
        var tenant = await CreateTenant();
        var url = $"/api/v1/tenants/{tenant.Str("slug")}";

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            app.AdminClient().PatchJson(url, new { name = $"Racer {i}" }, ifMatch: "\"1\"")));

        results.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        results.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed).ShouldBe(3);
        (await _admin.GetAsync(url).ShouldBeOk()).GetProperty("version").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task A_deleted_tenant_is_gone_from_every_route()
    {
        var tenant = await CreateTenant();
        var url = $"/api/v1/tenants/{tenant.Str("slug")}";

        (await _admin.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await _admin.GetAsync(url).ShouldBeProblem(HttpStatusCode.NotFound);
        await _admin.PatchJson(url, new { name = "Zombie" }).ShouldBeProblem(HttpStatusCode.NotFound);
        await _admin.GetAsync(url + "/audit").ShouldBeProblem(HttpStatusCode.NotFound);
        await _admin.DeleteAsync(url).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Tenant_routes_need_a_platform_admin_token()
    {
        var anonymous = app.CreateClient();
        await anonymous.GetAsync("/api/v1/tenants").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await anonymous.PostJson("/api/v1/tenants", new { name = "x", vertical = "studio" }).ShouldBeProblem(HttpStatusCode.Unauthorized);

        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.AdminToken[..^4] + "AAAA");
        await forged.GetAsync("/api/v1/tenants").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_401()
    {
        var client = app.CreateClient();
        var wrong = await client.PostJson("/api/v1/auth/login", new { email = PorticoFactory.AdminEmail, password = "not the password" }).ShouldBeProblem(HttpStatusCode.Unauthorized);
        var unknown = await client.PostJson("/api/v1/auth/login", new { email = "nobody@portico.test", password = "not the password" }).ShouldBeProblem(HttpStatusCode.Unauthorized);
        wrong.Str("detail").ShouldBe(unknown.Str("detail"));
    }
}

public sealed class TenantApiOnSqlite(SqliteFactory app) : TenantApiTests<SqliteFactory>(app);

public sealed class TenantApiOnPostgres(PostgresFactory app) : TenantApiTests<PostgresFactory>(app);
