using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Tenancy;

/// <summary>Keyset pagination, sorting and filtering, on a factory of its own so counts are exact.</summary>
public abstract class TenantListTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private readonly HttpClient _admin = app.AdminClient();

    private async Task<List<JsonElement>> SeedAsync(string marker, int count)
    {
        var created = new List<JsonElement>();
        foreach (var i in Enumerable.Range(0, count))
        {
            // Names in shuffled order and with duplicates, so the id tiebreaker matters.
            var name = $"{marker} {(i * 7 % count) / 2:D2}";
            var response = await _admin.PostJson("/api/v1/tenants", new { name, slug = $"{marker}-{i:D2}", vertical = i % 2 == 0 ? "studio" : "workshop" });
            created.Add(await response.ShouldBe(HttpStatusCode.Created));
        }

        return created;
    }

    private async Task<List<JsonElement>> WalkAsync(string query)
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _admin.GetAsync($"/api/v1/tenants?{query}&limit=3" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")).ShouldBeOk();
            var items = page.GetProperty("items").EnumerateArray().ToList();
            items.Count.ShouldBeLessThanOrEqualTo(3);
            all.AddRange(items);
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.Str("nextCursor");
            (++pages).ShouldBeLessThan(20);
        }
        while (cursor is not null);

        return all;
    }

    [Fact]
    public async Task Walking_pages_by_name_visits_every_row_once_in_order()
    {
        var created = await SeedAsync("walk", 10);

        var walked = await WalkAsync("q=walk&sort=name");

        walked.Select(t => t.Str("id")).ShouldBe(
            created.OrderBy(t => t.Str("name"), StringComparer.Ordinal).ThenBy(t => Guid.Parse(t.Str("id"))).Select(t => t.Str("id")));
    }

    [Fact]
    public async Task Walking_pages_newest_first_visits_every_row_once_in_order()
    {
        var created = await SeedAsync("newest", 8);

        var walked = await WalkAsync("q=newest&sort=-createdAt");

        walked.Select(t => t.Str("id")).ShouldBe(created.Select(t => t.Str("id")).Reverse());
    }

    [Fact]
    public async Task A_row_added_between_pages_neither_repeats_nor_hides_the_rest()
    {
        var created = await SeedAsync("stable", 6);
        var first = await _admin.GetAsync("/api/v1/tenants?q=stable&sort=slug&limit=3").ShouldBeOk();
        await _admin.PostJson("/api/v1/tenants", new { name = "stable early", slug = "stable-00a", vertical = "bots" });

        var second = await _admin.GetAsync($"/api/v1/tenants?q=stable&sort=slug&limit=3&cursor={Uri.EscapeDataString(first.Str("nextCursor"))}").ShouldBeOk();

        second.GetProperty("items").EnumerateArray().Select(t => t.Str("slug")).ShouldBe(created.Skip(3).Select(t => t.Str("slug")));
    }

    [Fact]
    public async Task Filters_narrow_the_list()
    {
        await SeedAsync("filt", 4);
        var page = await _admin.GetAsync("/api/v1/tenants?q=FILT&vertical=workshop").ShouldBeOk();
        page.GetProperty("items").EnumerateArray().Select(t => t.Str("vertical")).ShouldBe(["workshop", "workshop"]);
    }

    [Theory]
    [InlineData("sort=password", "invalid-sort")]
    [InlineData("sort=-", "invalid-sort")]
    [InlineData("limit=0", "invalid-limit")]
    [InlineData("limit=500", "invalid-limit")]
    [InlineData("cursor=garbage!!", "invalid-cursor")]
    [InlineData("cursor=eyJTIjoibmFtZSJ9", "invalid-cursor")]
    public async Task Bad_list_parameters_are_a_400_that_says_why(string query, string code)
    {
        var problem = await _admin.GetAsync("/api/v1/tenants?" + query).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Str("type").ShouldEndWith(code);
    }

    [Fact]
    public async Task A_cursor_cannot_be_reused_with_another_sort()
    {
        await SeedAsync("resort", 4);
        var page = await _admin.GetAsync("/api/v1/tenants?q=resort&sort=name&limit=2").ShouldBeOk();
        var problem = await _admin.GetAsync($"/api/v1/tenants?q=resort&sort=slug&cursor={Uri.EscapeDataString(page.Str("nextCursor"))}").ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Str("detail").ShouldContain("different sort");
    }
}

public sealed class TenantListOnSqlite(SqliteFactory app) : TenantListTests<SqliteFactory>(app);

public sealed class TenantListOnPostgres(PostgresFactory app) : TenantListTests<PostgresFactory>(app);
