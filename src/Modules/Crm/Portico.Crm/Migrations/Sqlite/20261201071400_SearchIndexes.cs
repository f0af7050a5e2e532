using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Crm.Migrations.Sqlite
{
    /// <summary>
    /// Full-text search of CRM lists: an FTS5 table per searchable table holding its search_text under the same
    /// rowid, kept in step by triggers (unicode61 folds case of Cyrillic and Latin alike; queries match by prefix).
    /// </summary>
    [DbContext(typeof(CrmDbContext))]
    [Migration("20261201071400_SearchIndexes")]
    internal partial class SearchIndexes : Migration
    {
        private static readonly string[] Tables = ["crm_contacts", "crm_leads", "crm_deals", "crm_object_records"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"CREATE VIRTUAL TABLE \"{table}_fts\" USING fts5(search_text, tokenize = 'unicode61 remove_diacritics 2')");
                migrationBuilder.Sql($"CREATE TRIGGER \"{table}_fts_insert\" AFTER INSERT ON \"{table}\" BEGIN INSERT INTO \"{table}_fts\"(rowid, search_text) VALUES (new.rowid, new.search_text); END");
                migrationBuilder.Sql($"CREATE TRIGGER \"{table}_fts_update\" AFTER UPDATE OF search_text ON \"{table}\" BEGIN UPDATE \"{table}_fts\" SET search_text = new.search_text WHERE rowid = old.rowid; END");
                migrationBuilder.Sql($"CREATE TRIGGER \"{table}_fts_delete\" AFTER DELETE ON \"{table}\" BEGIN DELETE FROM \"{table}_fts\" WHERE rowid = old.rowid; END");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"DROP TABLE \"{table}_fts\"");
            }
        }
    }
}
