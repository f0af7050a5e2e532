using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Crm.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class BoardTotalsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_crm_leads_tenant_id_pipeline_id_stage_id_currency_value_minor",
                table: "crm_leads",
                columns: new[] { "tenant_id", "pipeline_id", "stage_id", "currency", "value_minor" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_tenant_id_pipeline_id_stage_id_currency_amount_minor",
                table: "crm_deals",
                columns: new[] { "tenant_id", "pipeline_id", "stage_id", "currency", "amount_minor" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_crm_leads_tenant_id_pipeline_id_stage_id_currency_value_minor",
                table: "crm_leads");

            migrationBuilder.DropIndex(
                name: "ix_crm_deals_tenant_id_pipeline_id_stage_id_currency_amount_minor",
                table: "crm_deals");
        }
    }
}
