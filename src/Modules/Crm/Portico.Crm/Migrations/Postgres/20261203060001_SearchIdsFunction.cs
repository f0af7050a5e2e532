using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Crm.Migrations.Postgres
{
    /// <summary>
    /// <c>crm.search_ids(table, query, max_rows)</c>: the ids of the session tenant's records of one searchable table
    /// whose <c>search_vector</c> matches, at most <c>max_rows</c>. Under row-level security PostgreSQL will not use
    /// the GIN index for <c>@@</c> (the operator is not leakproof), so a rare prefix read the tenant's whole table;
    /// this function runs as the tables' owner, which the policies do not bind, and applies the policy's own
    /// condition (the session's <c>portico.tenant_id</c>) itself. See <c>Records/Search.cs</c>.
    /// </summary>
    [DbContext(typeof(CrmDbContext))]
    [Migration("20261203060001_SearchIdsFunction")]
    internal partial class SearchIdsFunction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION crm.search_ids(record_table text, query tsquery, max_rows integer) RETURNS SETOF uuid
                LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
                BEGIN
                  IF record_table NOT IN ('contacts', 'leads', 'deals', 'object_records') THEN
                    RAISE EXCEPTION 'crm.search_ids: % is not a searchable table', record_table;
                  END IF;
                  RETURN QUERY EXECUTE format(
                    'SELECT id FROM crm.%I WHERE tenant_id = nullif(current_setting(''portico.tenant_id'', true), '''')::uuid AND search_vector @@ $1 LIMIT $2',
                    record_table) USING query, max_rows;
                END
                $$
                """);
            migrationBuilder.Sql("REVOKE ALL ON FUNCTION crm.search_ids(text, tsquery, integer) FROM PUBLIC");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION crm.search_ids(text, tsquery, integer)");
        }
    }
}
