using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Crm.Migrations.Postgres
{
    /// <summary>
    /// Full-text search of CRM lists: a generated tsvector over search_text (the 'simple' configuration, so Russian
    /// and English words are matched as written, by prefix) with a GIN index, on every searchable table.
    /// </summary>
    [DbContext(typeof(CrmDbContext))]
    [Migration("20261201071401_SearchIndexes")]
    internal partial class SearchIndexes : Migration
    {
        private static readonly string[] Tables = ["contacts", "leads", "deals", "object_records"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"ALTER TABLE crm.{table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED");
                migrationBuilder.Sql($"CREATE INDEX ix_{table}_search_vector ON crm.{table} USING gin (search_vector)");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"ALTER TABLE crm.{table} DROP COLUMN search_vector");
            }
        }
    }
}
