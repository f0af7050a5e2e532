using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Crm.Migrations.Postgres
{
    /// <summary>
    /// The words of every searchable record as rows (see <c>SearchTerm</c>): a prefix search is then a b-tree range that
    /// PostgreSQL can walk under row-level security, where the GIN index cannot serve the non-leakproof <c>@@</c>. A
    /// trigger per table keeps them from the same tsvector the GIN index holds; existing rows are filled here.
    /// </summary>
    internal partial class SearchTerms : Migration
    {
        private static readonly string[] Tables = ["contacts", "leads", "deals", "object_records"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "search_terms",
                schema: "crm",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    term = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    record_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_search_terms", x => new { x.tenant_id, x.term, x.record_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_search_terms_record_id",
                schema: "crm",
                table: "search_terms",
                column: "record_id");

            // Runs as the writing role, so row-level security checks the terms' tenant like the record's own.
            migrationBuilder.Sql("""
                CREATE FUNCTION crm.keep_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND NEW.search_text IS NOT DISTINCT FROM OLD.search_text AND NEW.tenant_id = OLD.tenant_id THEN
                        RETURN NEW;
                    END IF;
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        DELETE FROM crm.search_terms WHERE record_id = OLD.id AND tenant_id = OLD.tenant_id;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO crm.search_terms (tenant_id, term, record_id)
                        SELECT DISTINCT NEW.tenant_id, left(w.lexeme, 100), NEW.id FROM unnest(to_tsvector('simple', NEW.search_text)) AS w
                        ON CONFLICT DO NOTHING;
                        RETURN NEW;
                    END IF;
                    RETURN OLD;
                END $$
                """);
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"CREATE TRIGGER keep_search_terms AFTER INSERT OR UPDATE OR DELETE ON crm.{table} FOR EACH ROW EXECUTE FUNCTION crm.keep_search_terms()");
                migrationBuilder.Sql($"INSERT INTO crm.search_terms (tenant_id, term, record_id) SELECT DISTINCT r.tenant_id, left(w.lexeme, 100), r.id FROM crm.{table} r, unnest(r.search_vector) AS w ON CONFLICT DO NOTHING");
            }

            migrationBuilder.Sql("ANALYZE crm.search_terms");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"DROP TRIGGER keep_search_terms ON crm.{table}");
            }

            migrationBuilder.Sql("DROP FUNCTION crm.keep_search_terms()");
            migrationBuilder.DropTable(
                name: "search_terms",
                schema: "crm");
        }
    }
}
