using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Crm.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class IndexesForEverySort : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_crm_object_records_tenant_id_object_type_id_updated_at_id",
                table: "crm_object_records",
                columns: new[] { "tenant_id", "object_type_id", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_leads_tenant_id_board_rank_id",
                table: "crm_leads",
                columns: new[] { "tenant_id", "board_rank", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_leads_tenant_id_stage_entered_at_id",
                table: "crm_leads",
                columns: new[] { "tenant_id", "stage_entered_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_tenant_id_board_rank_id",
                table: "crm_deals",
                columns: new[] { "tenant_id", "board_rank", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_tenant_id_stage_entered_at_id",
                table: "crm_deals",
                columns: new[] { "tenant_id", "stage_entered_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_crm_object_records_tenant_id_object_type_id_updated_at_id",
                table: "crm_object_records");

            migrationBuilder.DropIndex(
                name: "ix_crm_leads_tenant_id_board_rank_id",
                table: "crm_leads");

            migrationBuilder.DropIndex(
                name: "ix_crm_leads_tenant_id_stage_entered_at_id",
                table: "crm_leads");

            migrationBuilder.DropIndex(
                name: "ix_crm_deals_tenant_id_board_rank_id",
                table: "crm_deals");

            migrationBuilder.DropIndex(
                name: "ix_crm_deals_tenant_id_stage_entered_at_id",
                table: "crm_deals");
        }
    }
}
