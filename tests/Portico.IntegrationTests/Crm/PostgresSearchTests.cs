using Npgsql;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

/// <summary>
/// Search at a size the API-made fixtures never reach: thousands of matches in one tenant beside another tenant's,
/// page after page through the keyset cursor, under the row-level security policy the application runs with.
/// </summary>
public sealed class PostgresSearchTests(PostgresFactory app) : IClassFixture<PostgresFactory>
{
    // Many leads at once as the owner role: 2 100 through the API would take minutes. Each is a copy of a lead the
    // API made, with its own id, title, creation time and search text.
    private async Task CopyLeadAsync(string leadId, string word, int copies)
    {
        var owner = new NpgsqlConnectionStringBuilder(PostgresFactory.OwnerConnectionString) { Database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database };
        await using var connection = new NpgsqlConnection(owner.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO crm.leads (id, tenant_id, title, source, pipeline_id, stage_id, stage_entered_at, board_rank, priority, created_at, updated_at, version, custom_fields, search_text)
            SELECT gen_random_uuid(), tenant_id, $2 || ' ' || i, source, pipeline_id, stage_id, stage_entered_at, board_rank, priority,
                   created_at - i * interval '1 second', updated_at, version, custom_fields, lower($2) || ' ' || i
            FROM crm.leads, generate_series(1, $3) AS i WHERE id = $1
            """, connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(leadId) });
        insert.Parameters.Add(new NpgsqlParameter { Value = word });
        insert.Parameters.Add(new NpgsqlParameter { Value = copies });
        (await insert.ExecuteNonQueryAsync()).ShouldBe(copies);
    }

    private static async Task<List<string>> AllPagesAsync(CrmTestTenant tenant, string query)
    {
        var titles = new List<string>();
        string? cursor = null;
        do
        {
            var page = await tenant.Client.GetAsync(tenant.Crm($"leads?{query}&limit=200" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).ShouldBeOk();
            titles.AddRange(page.Items().Select(l => l.Str("title")));
            cursor = page.NextCursor();
        }
        while (cursor is not null);
        return titles;
    }

    [Fact]
    public async Task Rare_and_common_words_find_exactly_the_tenants_matches_on_every_page()
    {
        var mine = await CrmTestTenant.CreateAsync(app);
        var theirs = await CrmTestTenant.CreateAsync(app);
        var template = await mine.CreateLeadAsync(new { title = "Template" });
        var their = await theirs.CreateLeadAsync(new { title = "Their template" });
        await CopyLeadAsync(template.Str("id"), "Zeppelin", 2100);
        await CopyLeadAsync(template.Str("id"), "Quokka", 30);
        await CopyLeadAsync(their.Str("id"), "Zeppelin", 50);
        await CopyLeadAsync(their.Str("id"), "Quokka", 40);

        var common = await AllPagesAsync(mine, "q=zepp&sort=-createdAt");
        common.Count.ShouldBe(2100, "every match, none of the other tenant's");
        common.Distinct().Count().ShouldBe(2100);
        common[0].ShouldBe("Zeppelin 1", "newest first");

        var rare = await AllPagesAsync(mine, "q=quok&sort=title");
        rare.Count.ShouldBe(30);
        rare.ShouldBe(rare.Order(StringComparer.Ordinal));
        (await AllPagesAsync(theirs, "q=quok")).Count.ShouldBe(40);
        (await AllPagesAsync(theirs, "q=zepp")).Count.ShouldBe(50);
        (await AllPagesAsync(mine, "q=quokka 7")).ShouldBe(["Quokka 7"]);
        (await AllPagesAsync(mine, "q=nothing")).ShouldBeEmpty();
    }
}
