using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.WorkOrders.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class StageQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_workorders_work_order_stages_tenant_id_mechanic_id_status_order_id_position",
                table: "workorders_work_order_stages");

            migrationBuilder.AddColumn<bool>(
                name: "in_queue",
                table: "workorders_work_order_stages",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "order_number",
                table: "workorders_work_order_stages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "queue_key",
                table: "workorders_work_order_stages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_order_stages_tenant_id_mechanic_id_in_queue_queue_key_order_number_position",
                table: "workorders_work_order_stages",
                columns: new[] { "tenant_id", "mechanic_id", "in_queue", "queue_key", "order_number", "position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_workorders_work_order_stages_tenant_id_mechanic_id_in_queue_queue_key_order_number_position",
                table: "workorders_work_order_stages");

            migrationBuilder.DropColumn(
                name: "in_queue",
                table: "workorders_work_order_stages");

            migrationBuilder.DropColumn(
                name: "order_number",
                table: "workorders_work_order_stages");

            migrationBuilder.DropColumn(
                name: "queue_key",
                table: "workorders_work_order_stages");

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_order_stages_tenant_id_mechanic_id_status_order_id_position",
                table: "workorders_work_order_stages",
                columns: new[] { "tenant_id", "mechanic_id", "status", "order_id", "position" });
        }
    }
}
