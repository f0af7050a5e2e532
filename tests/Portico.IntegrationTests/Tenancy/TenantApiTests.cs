using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Infrastructure;
using Portico.Tenancy.Contracts;

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
            country = "XX1",
        });

        var problem = await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "name", "slug", "vertical", "timeZone", "currency", "locale", "country" })
        {
            errors.TryGetProperty(field, out var messages).ShouldBeTrue(field);
            messages.GetArrayLength().ShouldBeGreaterThan(0);
        }

        errors.GetProperty("vertical")[0].GetString()!.ShouldContain("studio, workshop, omnichannel, bots, gaming, generic");
    }

    [Fact]
    public async Task A_country_is_stored_uppercase_whatever_case_it_is_sent_in()
    {
        var response = await _admin.PostJson("/api/v1/tenants", new { name = "Werkstatt", slug = Http.Unique("t"), vertical = "workshop", country = "de" });

        var tenant = await response.ShouldBe(HttpStatusCode.Created);
        tenant.Str("country").ShouldBe("DE");
        (await _admin.GetAsync($"/api/v1/tenants/{tenant.Str("slug")}").ShouldBeOk()).Str("country").ShouldBe("DE");
    }

    [Theory]
    [InlineData("XX1")]
    [InlineData("XX")]
    [InlineData("ru-RU")]
    [InlineData("001")]
    public async Task A_country_that_is_not_an_ISO_3166_code_is_a_422_naming_country(string country)
    {
        var response = await _admin.PostJson("/api/v1/tenants", new { name = "Nowhere", slug = Http.Unique("t"), vertical = "studio", country });

        var problem = await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["country"]);
        errors.GetProperty("country")[0].GetString()!.ShouldContain("ISO 3166");
    }

    [Fact]
    public async Task Without_a_country_a_russian_tenant_is_in_RU_and_others_have_none()
    {
        var russian = await (await _admin.PostJson("/api/v1/tenants", new { name = "Салон", slug = Http.Unique("t"), vertical = "studio", locale = "ru" })).ShouldBe(HttpStatusCode.Created);
        var english = await CreateTenant();

        russian.Str("country").ShouldBe("RU");
        english.GetProperty("country").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Updating_the_country_changes_only_the_country_and_a_bad_one_changes_nothing()
    {
        var tenant = await CreateTenant();
        var url = $"/api/v1/tenants/{tenant.Str("slug")}";

        var updated = await (await _admin.PatchJson(url, new { country = "at" })).ShouldBe(HttpStatusCode.OK);
        updated.Str("country").ShouldBe("AT");
        updated.Str("name").ShouldBe(tenant.Str("name"));

        var renamed = await (await _admin.PatchJson(url, new { name = "Renamed" })).ShouldBe(HttpStatusCode.OK);
        renamed.Str("country").ShouldBe("AT");

        var problem = await _admin.PatchJson(url, new { country = "XX1" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").TryGetProperty("country", out _).ShouldBeTrue();
        (await _admin.GetAsync(url).ShouldBeOk()).Str("country").ShouldBe("AT");
    }

    [Fact]
    public async Task Other_modules_read_a_tenant_profile_outside_any_request_until_the_tenant_is_deleted()
    {
        var response = await _admin.PostJson("/api/v1/tenants", new { name = "Салон «Профиль»", slug = Http.Unique("t"), vertical = "studio", locale = "ru", timeZone = "Europe/Moscow" });
        var tenant = await response.ShouldBe(HttpStatusCode.Created);
        var id = Guid.Parse(tenant.Str("id"));

        // A scope of its own, with no tenant and no user: what background work and event handlers get.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var profile = await scope.ServiceProvider.GetRequiredService<ITenantProfiles>().FindAsync(id, CancellationToken.None);
            profile.ShouldBe(new TenantProfile(id, tenant.Str("slug"), "Салон «Профиль»", "studio", "ru", "RUB", "Europe/Moscow", "RU"));
        }

        (await _admin.DeleteAsync($"/api/v1/tenants/{tenant.Str("slug")}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ITenantProfiles>().FindAsync(id, CancellationToken.None)).ShouldBeNull();
            (await scope.ServiceProvider.GetRequiredService<ITenantProfiles>().FindAsync(Guid.NewGuid(), CancellationToken.None)).ShouldBeNull();
        }
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
