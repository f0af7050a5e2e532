using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Crm.Migrations.Postgres
{
    /// <summary>
    /// The search terms become the application's own words (<c>SearchText.Words</c>): maximal runs of letters and
    /// decimal digits of the lower-cased search text, each cut to 100 characters. The <c>simple</c> text parser the
    /// terms came from before reads <c>3e10ab.smith@example.com</c> as a float and a host (<c>3e10</c>,
    /// <c>ab.smith@example.com</c>) and keeps <c>v1.2.3</c> and <c>-2026</c> whole, so a query such as <c>3e10ab</c>
    /// found nothing on PostgreSQL while SQLite found it. <c>crm.search_words</c> holds the split; the trigger and the
    /// refill below use it. No model change, so no target model (like <c>SearchIndexes</c>).
    /// </summary>
    [DbContext(typeof(CrmDbContext))]
    [Migration("20261204142000_SearchTermsSplitLikeTheApp")]
    internal partial class SearchTermsSplitLikeTheApp : Migration
    {
        private static readonly string[] Tables = ["contacts", "leads", "deals", "object_records"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Letters and digits are Unicode's (categories L and Nd), whatever the database's lc_ctype: under the ICU
            // root collation [[:alnum:]] is u_isalnum, the same classes as .NET's Rune.IsLetterOrDigit, where a "C"
            // ctype would know ASCII only. A server built without ICU (rare: PGDG, Debian and the official images have
            // it) gets an explicit separator list instead: everything but ASCII letters and digits up to U+007F, the
            // Latin-1 signs and spaces, × ÷ №, the General Punctuation block (dashes, quotes, …) and the ideographic
            // space and stops; any other character counts as a letter there, as it did for the old parser under "C".
            migrationBuilder.Sql("""
                DO $do$
                BEGIN
                    IF EXISTS (SELECT FROM pg_collation WHERE collname = 'und-x-icu') THEN
                        CREATE OR REPLACE FUNCTION crm.search_words(search_text text) RETURNS SETOF text
                        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$
                            SELECT DISTINCT left(w, 100) COLLATE "C"
                            FROM regexp_split_to_table(search_text COLLATE "und-x-icu", '[^[:alnum:]]+') AS w
                            WHERE w <> ''
                        $f$;
                    ELSE
                        CREATE OR REPLACE FUNCTION crm.search_words(search_text text) RETURNS SETOF text
                        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$
                            SELECT DISTINCT left(w, 100) COLLATE "C"
                            FROM regexp_split_to_table(search_text,
                                '[\u0001-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u00a9\u00ab-\u00b4\u00b6-\u00b9\u00bb-\u00bf\u00d7\u00f7\u2000-\u206f\u2116\u3000-\u3003\ufeff]+') AS w
                            WHERE w <> ''
                        $f$;
                    END IF;
                END $do$
                """);
            migrationBuilder.Sql("""
                COMMENT ON FUNCTION crm.search_words(text) IS
                    'The words of a search text as SearchText.Words splits them: runs of letters and decimal digits, each cut to 100 characters, distinct.'
                """);

            // Still runs as the writing role, so row-level security checks the terms' tenant like the record's own.
            migrationBuilder.Sql(KeepSearchTerms("SELECT NEW.tenant_id, w, NEW.id FROM crm.search_words(NEW.search_text) AS w"));

            // Runs once, as the migrating role (the tables' owner, which row-level security does not fence), so every
            // tenant's terms are rebuilt in one pass per table.
            migrationBuilder.Sql("TRUNCATE crm.search_terms");
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"INSERT INTO crm.search_terms (tenant_id, term, record_id) SELECT r.tenant_id, w, r.id FROM crm.{table} r, crm.search_words(r.search_text) AS w ON CONFLICT DO NOTHING");
            }

            migrationBuilder.Sql("ANALYZE crm.search_terms");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(KeepSearchTerms("SELECT DISTINCT NEW.tenant_id, left(w.lexeme, 100), NEW.id FROM unnest(to_tsvector('simple', NEW.search_text)) AS w"));
            migrationBuilder.Sql("DROP FUNCTION crm.search_words(text)");
            migrationBuilder.Sql("TRUNCATE crm.search_terms");
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"INSERT INTO crm.search_terms (tenant_id, term, record_id) SELECT DISTINCT r.tenant_id, left(w.lexeme, 100), r.id FROM crm.{table} r, unnest(r.search_vector) AS w ON CONFLICT DO NOTHING");
            }

            migrationBuilder.Sql("ANALYZE crm.search_terms");
        }

        // The trigger function of migration SearchTerms with the words taken by the given SELECT.
        private static string KeepSearchTerms(string words) => $"""
            CREATE OR REPLACE FUNCTION crm.keep_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND NEW.search_text IS NOT DISTINCT FROM OLD.search_text AND NEW.tenant_id = OLD.tenant_id THEN
                    RETURN NEW;
                END IF;
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    DELETE FROM crm.search_terms WHERE record_id = OLD.id AND tenant_id = OLD.tenant_id;
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    INSERT INTO crm.search_terms (tenant_id, term, record_id)
                    {words}
                    ON CONFLICT DO NOTHING;
                    RETURN NEW;
                END IF;
                RETURN OLD;
            END $$
            """;
    }
}
