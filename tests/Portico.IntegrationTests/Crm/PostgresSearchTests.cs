using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Portico.Crm;
using Portico.Crm.Records;
using Portico.Data;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Crm;

/// <summary>
/// Search at a size the API-made fixtures never reach: thousands of matches in one tenant beside another tenant's,
/// page after page through the keyset cursor, under the row-level security policy the application runs with.
/// </summary>
public sealed class PostgresSearchTests(PostgresFactory app) : IClassFixture<PostgresFactory>
{
    private string OwnerConnectionString =>
        new NpgsqlConnectionStringBuilder(PostgresFactory.OwnerConnectionString) { Database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database }.ConnectionString;

    // Many leads at once as the owner role: 2 100 through the API would take minutes. Each is a copy of a lead the
    // API made, with its own id, title, creation time and search text.
    private async Task CopyLeadAsync(string leadId, string word, int copies)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
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

    // What SearchText.Words makes of a text, as the index keeps it: each word cut to 100 code points, once.
    private static List<string> AppWords(string text) =>
        SearchText.Words(text).Select(w => string.Concat(w.EnumerateRunes().Take(100))).Distinct().ToList();

    private async Task<List<string>> ScalarsAsync(string sql, object value)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    [Theory]
    [InlineData("3e10ab.smith@example.com 3e10ab smith example com")]
    [InlineData("ёлка-2026 v1.2.3 «ёлка» — тест… №5")]
    [InlineData("jean-luc_o'neil anne-marie")]
    [InlineData("https://shop-24.example/catalog?id=7&x=1.5e3 c:\\files\\spec v2.pdf ~/notes/todo.md")]
    [InlineData("müller ª µ º x²½ⅷ 1st 2nd")]
    [InlineData("日本語テキスト 𝔘nicode 𝟿9 ١٢٣ arabic")]
    [InlineData("e\u0301te tab\tnew\nline\u00a0nbsp")]
    [InlineData("a a a")]
    [InlineData("   ")]
    public async Task The_database_splits_search_text_into_the_applications_words(string text)
    {
        var words = await ScalarsAsync("SELECT w FROM crm.search_words($1) AS w", text);

        words.ShouldBe(AppWords(text), ignoreOrder: true);
    }

    [Fact]
    public async Task A_long_word_is_cut_to_100_characters_like_the_query()
    {
        var text = new string('я', 120) + " " + string.Concat(Enumerable.Repeat("𝔘", 120));

        var words = await ScalarsAsync("SELECT w FROM crm.search_words($1) AS w", text);

        words.ShouldBe(AppWords(text), ignoreOrder: true);
        words.ShouldAllBe(w => w.EnumerateRunes().Count() == 100);
    }

    [Fact]
    public async Task The_upgrade_rebuilds_the_terms_of_existing_records_and_the_downgrade_restores_the_old_split()
    {
        var tenant = await CrmTestTenant.CreateAsync(app);
        var lead = await tenant.CreateLeadAsync(new { title = "Ёлка-2026 v1.2.3", email = "3e10ab.smith@example.com" });
        var searchText = (await ScalarsAsync("SELECT search_text FROM crm.leads WHERE id = $1", Guid.Parse(lead.Str("id")))).Single();
        Task<List<string>> Terms() => ScalarsAsync("SELECT term FROM crm.search_terms WHERE record_id = $1", Guid.Parse(lead.Str("id")));
        async Task<int> Found(string q) => (await tenant.Client.GetAsync(tenant.Crm($"leads?q={q}")).ShouldBeOk()).Items().Count;

        (await Terms()).ShouldBe(AppWords(searchText), ignoreOrder: true, "written by the trigger");
        await using var crm = ModuleDbOptions.CreateContext(typeof(CrmDbContext), DatabaseProvider.Postgres, OwnerConnectionString);
        var migrator = crm.GetService<IMigrator>();

        await migrator.MigrateAsync("20261204023750_OneContactPerEmailOrPhone");
        (await Terms()).ShouldContain("3e10", "the text parser's float, as before the upgrade");
        (await Found("3e10ab")).ShouldBe(0);

        await migrator.MigrateAsync();
        (await Terms()).ShouldBe(AppWords(searchText), ignoreOrder: true, "refilled by the upgrade");
        (await Found("3e10ab")).ShouldBe(1);
        (await crm.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }
}
