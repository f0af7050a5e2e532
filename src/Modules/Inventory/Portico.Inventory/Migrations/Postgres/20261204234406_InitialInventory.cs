using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Inventory.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class InitialInventory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "inventory");

            migrationBuilder.CreateTable(
                name: "audit_log",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    entity_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    changes = table.Column<string>(type: "text", nullable: false),
                    trace_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "items",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sku_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    sort_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    search_text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    unit = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    cost_minor = table.Column<long>(type: "bigint", nullable: true),
                    price_minor = table.Column<long>(type: "bigint", nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    vat_rate = table.Column<int>(type: "integer", nullable: true),
                    barcode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    reorder_level_milli = table.Column<long>(type: "bigint", nullable: true),
                    supplier = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    on_hand_milli = table.Column<long>(type: "bigint", nullable: false),
                    reserved_milli = table.Column<long>(type: "bigint", nullable: false),
                    low_stock_raised = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "locations",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_locations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "movements",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    quantity_milli = table.Column<long>(type: "bigint", nullable: false),
                    on_hand_delta_milli = table.Column<long>(type: "bigint", nullable: false),
                    reserved_delta_milli = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    reference_order = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reference_stage = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reservation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_movements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reservations",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference_order = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reference_stage = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    quantity_milli = table.Column<long>(type: "bigint", nullable: false),
                    open_milli = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reservations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    on_hand_milli = table.Column<long>(type: "bigint", nullable: false),
                    reserved_milli = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_type_entity_id_id",
                schema: "inventory",
                table: "audit_log",
                columns: new[] { "entity_type", "entity_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_tenant_id_id",
                schema: "inventory",
                table: "audit_log",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_items_tenant_id",
                schema: "inventory",
                table: "items",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_items_tenant_id_barcode",
                schema: "inventory",
                table: "items",
                columns: new[] { "tenant_id", "barcode" });

            migrationBuilder.CreateIndex(
                name: "ix_items_tenant_id_category",
                schema: "inventory",
                table: "items",
                columns: new[] { "tenant_id", "category" });

            migrationBuilder.CreateIndex(
                name: "ix_items_tenant_id_created_at_id",
                schema: "inventory",
                table: "items",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_items_tenant_id_sku_key",
                schema: "inventory",
                table: "items",
                columns: new[] { "tenant_id", "sku_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_items_tenant_id_sort_name_id",
                schema: "inventory",
                table: "items",
                columns: new[] { "tenant_id", "sort_name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_locations_tenant_id",
                schema: "inventory",
                table: "locations",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_locations_tenant_id_created_at_id",
                schema: "inventory",
                table: "locations",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_movements_tenant_id",
                schema: "inventory",
                table: "movements",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_movements_tenant_id_item_id_created_at_id",
                schema: "inventory",
                table: "movements",
                columns: new[] { "tenant_id", "item_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_reservations_tenant_id",
                schema: "inventory",
                table: "reservations",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_reservations_tenant_id_item_id",
                schema: "inventory",
                table: "reservations",
                columns: new[] { "tenant_id", "item_id" });

            migrationBuilder.CreateIndex(
                name: "ix_reservations_tenant_id_reference_order_reference_stage",
                schema: "inventory",
                table: "reservations",
                columns: new[] { "tenant_id", "reference_order", "reference_stage" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_tenant_id",
                schema: "inventory",
                table: "stock",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_tenant_id_item_id_location_id",
                schema: "inventory",
                table: "stock",
                columns: new[] { "tenant_id", "item_id", "location_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_tenant_id_location_id",
                schema: "inventory",
                table: "stock",
                columns: new[] { "tenant_id", "location_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_log",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "items",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "locations",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "movements",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "reservations",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "stock",
                schema: "inventory");
        }
    }
}
