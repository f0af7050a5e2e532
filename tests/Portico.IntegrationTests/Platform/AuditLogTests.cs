using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Platform;

public abstract class AuditLogTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private readonly HttpClient _admin = app.AdminClient();

    private async Task<JsonElement> CreateTenant()
    {
        var response = await _admin.PostJson("/api/v1/tenants", new { name = "Audited", slug = Http.Unique("aud"), vertical = "generic" });
        return await response.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Changes_are_logged_with_actor_action_and_old_and_new_values()
    {
        var tenant = await CreateTenant();
        var slug = tenant.Str("slug");
        await (await _admin.PatchJson($"/api/v1/tenants/{slug}", new { name = "Audited and renamed", currency = "RUB" })).ShouldBe(HttpStatusCode.OK);

        var log = await _admin.GetAsync($"/api/v1/tenants/{slug}/audit?entityType=Tenant").ShouldBeOk();
        var entries = log.GetProperty("items").EnumerateArray().ToList();

        entries.Select(e => e.Str("action")).ShouldBe(["updated", "created"]);
        var update = entries[0];
        update.Str("entityType").ShouldBe("Tenant");
        update.Str("entityId").ShouldBe(tenant.Str("id"));
        update.Str("actor").ShouldStartWith("user:");
        update.Str("traceId").ShouldNotBeNullOrEmpty();
        var changes = update.GetProperty("changes");
        changes.GetProperty("name").Str("old").ShouldBe("Audited");
        changes.GetProperty("name").Str("new").ShouldBe("Audited and renamed");
        changes.GetProperty("currency").Str("new").ShouldBe("RUB");
        changes.TryGetProperty("timeZone", out _).ShouldBeFalse("unchanged fields are not logged");
        changes.TryGetProperty("version", out _).ShouldBeFalse("bookkeeping is not logged");
    }

    [Fact]
    public async Task One_tenants_log_never_shows_another_tenants_changes()
    {
        var mine = await CreateTenant();
        var theirs = await CreateTenant();

        var log = await _admin.GetAsync($"/api/v1/tenants/{mine.Str("slug")}/audit").ShouldBeOk();

        log.GetProperty("items").EnumerateArray().ShouldAllBe(e => e.GetProperty("tenantId").GetString() == mine.Str("id"));
        log.GetProperty("items").EnumerateArray().ShouldNotContain(e => e.GetProperty("entityId").GetString() == theirs.Str("id"));
    }

    [Fact]
    public async Task The_log_filters_by_entity_actor_and_time_and_pages_newest_first()
    {
        var tenant = await CreateTenant();
        var slug = tenant.Str("slug");
        foreach (var i in Enumerable.Range(1, 4))
        {
            await (await _admin.PatchJson($"/api/v1/tenants/{slug}", new { name = $"Version {i}" })).ShouldBe(HttpStatusCode.OK);
        }

        var firstPage = await _admin.GetAsync($"/api/v1/tenants/{slug}/audit?entityType=Tenant&entityId={tenant.Str("id")}&limit=2").ShouldBeOk();
        var secondPage = await _admin.GetAsync($"/api/v1/tenants/{slug}/audit?entityType=Tenant&limit=2&cursor={Uri.EscapeDataString(firstPage.Str("nextCursor"))}").ShouldBeOk();
        var thirdPage = await _admin.GetAsync($"/api/v1/tenants/{slug}/audit?entityType=Tenant&limit=2&cursor={Uri.EscapeDataString(secondPage.Str("nextCursor"))}").ShouldBeOk();

        var names = firstPage.GetProperty("items").EnumerateArray()
            .Concat(secondPage.GetProperty("items").EnumerateArray())
            .Concat(thirdPage.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("changes").GetProperty("name").Str("new"))
            .ToList();
        names.ShouldBe(["Version 4", "Version 3", "Version 2", "Version 1", "Audited"]);
        thirdPage.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);

        var nobody = await _admin.GetAsync($"/api/v1/tenants/{slug}/audit?actor=user:someone-else").ShouldBeOk();
        nobody.GetProperty("items").GetArrayLength().ShouldBe(0);

        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"));
        var past = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"));
        (await _admin.GetAsync($"/api/v1/tenants/{slug}/audit?from={future}").ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await _admin.GetAsync($"/api/v1/tenants/{slug}/audit?entityType=Tenant&from={past}&to={future}").ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(5);
    }

    [Fact]
    public async Task Secrets_never_reach_the_audit_log()
    {
        var log = await _admin.GetAsync("/api/v1/platform/audit?entityType=User").ShouldBeOk();

        var created = log.GetProperty("items").EnumerateArray().Last();
        created.Str("action").ShouldBe("created");
        var changes = created.GetProperty("changes");
        changes.GetProperty("email").Str("new").ShouldBe(PorticoFactory.AdminEmail);
        changes.GetProperty("passwordHash").GetProperty("redacted").GetBoolean().ShouldBeTrue();
        changes.GetProperty("passwordHash").TryGetProperty("new", out _).ShouldBeFalse();
        changes.GetProperty("securityStamp").TryGetProperty("new", out _).ShouldBeFalse();
        created.GetRawText().ShouldNotContain("AQAAAA"); // the Identity V3 hash prefix
    }

    [Fact]
    public async Task The_platform_log_merges_every_module()
    {
        await CreateTenant();
        var log = await _admin.GetAsync("/api/v1/platform/audit?limit=200").ShouldBeOk();
        var types = log.GetProperty("items").EnumerateArray().Select(e => e.Str("entityType")).Distinct().ToList();
        types.ShouldContain("Tenant");
        types.ShouldContain("User");

        var ids = log.GetProperty("items").EnumerateArray().Select(e => Guid.Parse(e.Str("id"))).ToList();
        ids.ShouldBe(ids.OrderByDescending(id => id.ToString()).ToList());
    }
}

public sealed class AuditLogOnSqlite(SqliteFactory app) : AuditLogTests<SqliteFactory>(app);

public sealed class AuditLogOnPostgres(PostgresFactory app) : AuditLogTests<PostgresFactory>(app);
