using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.WorkOrders.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class PartConsumedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "consumed_at",
                schema: "workorders",
                table: "work_order_parts",
                type: "timestamp with time zone",
                nullable: true);

            // Parts consumed before this column existed: their last change was their consumption.
            migrationBuilder.Sql("UPDATE workorders.work_order_parts SET consumed_at = updated_at WHERE consumed_milli > 0;");

            migrationBuilder.CreateIndex(
                name: "ix_work_order_parts_tenant_id_consumed_at",
                schema: "workorders",
                table: "work_order_parts",
                columns: new[] { "tenant_id", "consumed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_work_order_parts_tenant_id_consumed_at",
                schema: "workorders",
                table: "work_order_parts");

            migrationBuilder.DropColumn(
                name: "consumed_at",
                schema: "workorders",
                table: "work_order_parts");
        }
    }
}
