using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.WorkOrders.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class WorkOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "work_order_entries",
                schema: "workorders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    data = table.Column<string>(type: "text", nullable: true),
                    file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    shared = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_order_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_order_lines",
                schema: "workorders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: true),
                    template_version = table.Column<int>(type: "integer", nullable: true),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    name_ru = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    labour_minor = table.Column<long>(type: "bigint", nullable: false),
                    hours = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: true),
                    discount_minor = table.Column<long>(type: "bigint", nullable: false),
                    vat_rate = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    approval = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_order_lines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_order_parts",
                schema: "workorders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_id = table.Column<Guid>(type: "uuid", nullable: true),
                    stage_id = table.Column<Guid>(type: "uuid", nullable: true),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    quantity_milli = table.Column<long>(type: "bigint", nullable: false),
                    unit_price_minor = table.Column<long>(type: "bigint", nullable: false),
                    discount_minor = table.Column<long>(type: "bigint", nullable: false),
                    vat_rate = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    reserved_milli = table.Column<long>(type: "bigint", nullable: false),
                    consumed_milli = table.Column<long>(type: "bigint", nullable: false),
                    state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    extra = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_order_parts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_order_stages",
                schema: "workorders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_id = table.Column<Guid>(type: "uuid", nullable: true),
                    template_stage_id = table.Column<Guid>(type: "uuid", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    name_ru = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    expected_minutes = table.Column<int>(type: "integer", nullable: false),
                    required_skill = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    checklist = table.Column<string>(type: "text", nullable: false),
                    photo_required = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    mechanic_id = table.Column<Guid>(type: "uuid", nullable: true),
                    mechanic_assigned_directly = table.Column<bool>(type: "boolean", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    actual_minutes = table.Column<int>(type: "integer", nullable: true),
                    photo_count = table.Column<int>(type: "integer", nullable: false),
                    comment_count = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_order_stages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_orders",
                schema: "workorders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    contact_email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    contact_phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    vehicle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    vehicle_label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    odometer = table.Column<long>(type: "bigint", nullable: true),
                    complaint = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    mechanic_id = table.Column<Guid>(type: "uuid", nullable: true),
                    scheduled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    promised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    estimate_sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approved_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    approval_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    approval_user_agent = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ready_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    labour_minor = table.Column<long>(type: "bigint", nullable: false),
                    parts_minor = table.Column<long>(type: "bigint", nullable: false),
                    discount_minor = table.Column<long>(type: "bigint", nullable: false),
                    vat_minor = table.Column<long>(type: "bigint", nullable: false),
                    total_minor = table.Column<long>(type: "bigint", nullable: false),
                    stage_count = table.Column<int>(type: "integer", nullable: false),
                    stages_done = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_orders", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_work_order_entries_tenant_id",
                schema: "workorders",
                table: "work_order_entries",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_work_order_entries_tenant_id_order_id_created_at_id",
                schema: "workorders",
                table: "work_order_entries",
                columns: new[] { "tenant_id", "order_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_order_lines_tenant_id",
                schema: "workorders",
                table: "work_order_lines",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_work_order_lines_tenant_id_order_id_position",
                schema: "workorders",
                table: "work_order_lines",
                columns: new[] { "tenant_id", "order_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_work_order_lines_tenant_id_service_id",
                schema: "workorders",
                table: "work_order_lines",
                columns: new[] { "tenant_id", "service_id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_order_parts_tenant_id",
                schema: "workorders",
                table: "work_order_parts",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_work_order_parts_tenant_id_item_id",
                schema: "workorders",
                table: "work_order_parts",
                columns: new[] { "tenant_id", "item_id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_order_parts_tenant_id_order_id_stage_id",
                schema: "workorders",
                table: "work_order_parts",
                columns: new[] { "tenant_id", "order_id", "stage_id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_order_stages_tenant_id",
                schema: "workorders",
                table: "work_order_stages",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_work_order_stages_tenant_id_completed_at",
                schema: "workorders",
                table: "work_order_stages",
                columns: new[] { "tenant_id", "completed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_work_order_stages_tenant_id_mechanic_id_status_order_id_pos",
                schema: "workorders",
                table: "work_order_stages",
                columns: new[] { "tenant_id", "mechanic_id", "status", "order_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_work_order_stages_tenant_id_order_id_position",
                schema: "workorders",
                table: "work_order_stages",
                columns: new[] { "tenant_id", "order_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_tenant_id",
                schema: "workorders",
                table: "work_orders",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_tenant_id_contact_id_created_at",
                schema: "workorders",
                table: "work_orders",
                columns: new[] { "tenant_id", "contact_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_tenant_id_created_at_id",
                schema: "workorders",
                table: "work_orders",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_tenant_id_mechanic_id",
                schema: "workorders",
                table: "work_orders",
                columns: new[] { "tenant_id", "mechanic_id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_tenant_id_number",
                schema: "workorders",
                table: "work_orders",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_tenant_id_status_status_changed_at_id",
                schema: "workorders",
                table: "work_orders",
                columns: new[] { "tenant_id", "status", "status_changed_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_tenant_id_updated_at_id",
                schema: "workorders",
                table: "work_orders",
                columns: new[] { "tenant_id", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_tenant_id_vehicle_id_created_at",
                schema: "workorders",
                table: "work_orders",
                columns: new[] { "tenant_id", "vehicle_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "work_order_entries",
                schema: "workorders");

            migrationBuilder.DropTable(
                name: "work_order_lines",
                schema: "workorders");

            migrationBuilder.DropTable(
                name: "work_order_parts",
                schema: "workorders");

            migrationBuilder.DropTable(
                name: "work_order_stages",
                schema: "workorders");

            migrationBuilder.DropTable(
                name: "work_orders",
                schema: "workorders");
        }
    }
}
