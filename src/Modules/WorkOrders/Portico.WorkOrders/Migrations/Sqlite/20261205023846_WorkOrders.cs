using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.WorkOrders.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class WorkOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "workorders_work_order_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    stage_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    data = table.Column<string>(type: "TEXT", nullable: true),
                    file_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    shared = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workorders_work_order_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workorders_work_order_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    template_version = table.Column<int>(type: "INTEGER", nullable: true),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    name_ru = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    labour_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    hours = table.Column<decimal>(type: "TEXT", precision: 8, scale: 2, nullable: true),
                    discount_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    vat_rate = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    approval = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    decided_at = table.Column<string>(type: "TEXT", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workorders_work_order_lines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workorders_work_order_parts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    stage_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    quantity_milli = table.Column<long>(type: "INTEGER", nullable: false),
                    unit_price_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    discount_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    vat_rate = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    reserved_milli = table.Column<long>(type: "INTEGER", nullable: false),
                    consumed_milli = table.Column<long>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    extra = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workorders_work_order_parts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workorders_work_order_stages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    template_stage_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    name_ru = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    expected_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    required_skill = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    checklist = table.Column<string>(type: "TEXT", nullable: false),
                    photo_required = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    mechanic_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    mechanic_assigned_directly = table.Column<bool>(type: "INTEGER", nullable: false),
                    started_at = table.Column<string>(type: "TEXT", nullable: true),
                    completed_at = table.Column<string>(type: "TEXT", nullable: true),
                    completed_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    actual_minutes = table.Column<int>(type: "INTEGER", nullable: true),
                    photo_count = table.Column<int>(type: "INTEGER", nullable: false),
                    comment_count = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workorders_work_order_stages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workorders_work_orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contact_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    contact_email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    contact_phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    vehicle_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    vehicle_label = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    odometer = table.Column<long>(type: "INTEGER", nullable: true),
                    complaint = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    mechanic_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    scheduled_at = table.Column<string>(type: "TEXT", nullable: true),
                    promised_at = table.Column<string>(type: "TEXT", nullable: true),
                    status_changed_at = table.Column<string>(type: "TEXT", nullable: false),
                    estimate_sent_at = table.Column<string>(type: "TEXT", nullable: true),
                    approved_at = table.Column<string>(type: "TEXT", nullable: true),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    approval_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    approval_user_agent = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    started_at = table.Column<string>(type: "TEXT", nullable: true),
                    ready_at = table.Column<string>(type: "TEXT", nullable: true),
                    delivered_at = table.Column<string>(type: "TEXT", nullable: true),
                    cancelled_at = table.Column<string>(type: "TEXT", nullable: true),
                    cancel_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    labour_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    parts_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    discount_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    vat_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    total_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    stage_count = table.Column<int>(type: "INTEGER", nullable: false),
                    stages_done = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workorders_work_orders", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_order_entries_tenant_id",
                table: "workorders_work_order_entries",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_order_entries_tenant_id_order_id_created_at_id",
                table: "workorders_work_order_entries",
                columns: new[] { "tenant_id", "order_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_order_lines_tenant_id",
                table: "workorders_work_order_lines",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_order_lines_tenant_id_order_id_position",
                table: "workorders_work_order_lines",
                columns: new[] { "tenant_id", "order_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_order_lines_tenant_id_service_id",
                table: "workorders_work_order_lines",
                columns: new[] { "tenant_id", "service_id" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_order_parts_tenant_id",
                table: "workorders_work_order_parts",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_order_parts_tenant_id_item_id",
                table: "workorders_work_order_parts",
                columns: new[] { "tenant_id", "item_id" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_order_parts_tenant_id_order_id_stage_id",
                table: "workorders_work_order_parts",
                columns: new[] { "tenant_id", "order_id", "stage_id" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_order_stages_tenant_id",
                table: "workorders_work_order_stages",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_order_stages_tenant_id_completed_at",
                table: "workorders_work_order_stages",
                columns: new[] { "tenant_id", "completed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_order_stages_tenant_id_mechanic_id_status_order_id_position",
                table: "workorders_work_order_stages",
                columns: new[] { "tenant_id", "mechanic_id", "status", "order_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_order_stages_tenant_id_order_id_position",
                table: "workorders_work_order_stages",
                columns: new[] { "tenant_id", "order_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_orders_tenant_id",
                table: "workorders_work_orders",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_orders_tenant_id_contact_id_created_at",
                table: "workorders_work_orders",
                columns: new[] { "tenant_id", "contact_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_orders_tenant_id_created_at_id",
                table: "workorders_work_orders",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_orders_tenant_id_mechanic_id",
                table: "workorders_work_orders",
                columns: new[] { "tenant_id", "mechanic_id" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_orders_tenant_id_number",
                table: "workorders_work_orders",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_orders_tenant_id_status_status_changed_at_id",
                table: "workorders_work_orders",
                columns: new[] { "tenant_id", "status", "status_changed_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_orders_tenant_id_updated_at_id",
                table: "workorders_work_orders",
                columns: new[] { "tenant_id", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_work_orders_tenant_id_vehicle_id_created_at",
                table: "workorders_work_orders",
                columns: new[] { "tenant_id", "vehicle_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "workorders_work_order_entries");

            migrationBuilder.DropTable(
                name: "workorders_work_order_lines");

            migrationBuilder.DropTable(
                name: "workorders_work_order_parts");

            migrationBuilder.DropTable(
                name: "workorders_work_order_stages");

            migrationBuilder.DropTable(
                name: "workorders_work_orders");
        }
    }
}
