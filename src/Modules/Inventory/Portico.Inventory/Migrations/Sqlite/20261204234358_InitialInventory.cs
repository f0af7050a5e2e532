using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Inventory.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class InitialInventory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inventory_audit_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    occurred_at = table.Column<string>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    changes = table.Column<string>(type: "TEXT", nullable: false),
                    trace_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sku_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    sort_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    search_text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    cost_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    price_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    vat_rate = table.Column<int>(type: "INTEGER", nullable: true),
                    barcode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    reorder_level_milli = table.Column<long>(type: "INTEGER", nullable: true),
                    supplier = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    archived_at = table.Column<string>(type: "TEXT", nullable: true),
                    on_hand_milli = table.Column<long>(type: "INTEGER", nullable: false),
                    reserved_milli = table.Column<long>(type: "INTEGER", nullable: false),
                    low_stock_raised = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_locations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    archived_at = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_locations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_movements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    location_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    quantity_milli = table.Column<long>(type: "INTEGER", nullable: false),
                    on_hand_delta_milli = table.Column<long>(type: "INTEGER", nullable: false),
                    reserved_delta_milli = table.Column<long>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    reference_order = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    reference_stage = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    reservation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_movements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_reservations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    location_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference_order = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    reference_stage = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    quantity_milli = table.Column<long>(type: "INTEGER", nullable: false),
                    open_milli = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_reservations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_stock",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    location_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    on_hand_milli = table.Column<long>(type: "INTEGER", nullable: false),
                    reserved_milli = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_stock", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_audit_log_entity_type_entity_id_id",
                table: "inventory_audit_log",
                columns: new[] { "entity_type", "entity_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_audit_log_tenant_id_id",
                table: "inventory_audit_log",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_items_tenant_id",
                table: "inventory_items",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_items_tenant_id_barcode",
                table: "inventory_items",
                columns: new[] { "tenant_id", "barcode" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_items_tenant_id_category",
                table: "inventory_items",
                columns: new[] { "tenant_id", "category" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_items_tenant_id_created_at_id",
                table: "inventory_items",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_items_tenant_id_sku_key",
                table: "inventory_items",
                columns: new[] { "tenant_id", "sku_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inventory_items_tenant_id_sort_name_id",
                table: "inventory_items",
                columns: new[] { "tenant_id", "sort_name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_locations_tenant_id",
                table: "inventory_locations",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_locations_tenant_id_created_at_id",
                table: "inventory_locations",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_movements_tenant_id",
                table: "inventory_movements",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_movements_tenant_id_item_id_created_at_id",
                table: "inventory_movements",
                columns: new[] { "tenant_id", "item_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_reservations_tenant_id",
                table: "inventory_reservations",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_reservations_tenant_id_item_id",
                table: "inventory_reservations",
                columns: new[] { "tenant_id", "item_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_reservations_tenant_id_reference_order_reference_stage",
                table: "inventory_reservations",
                columns: new[] { "tenant_id", "reference_order", "reference_stage" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_tenant_id",
                table: "inventory_stock",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_tenant_id_item_id_location_id",
                table: "inventory_stock",
                columns: new[] { "tenant_id", "item_id", "location_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_tenant_id_location_id",
                table: "inventory_stock",
                columns: new[] { "tenant_id", "location_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inventory_audit_log");

            migrationBuilder.DropTable(
                name: "inventory_items");

            migrationBuilder.DropTable(
                name: "inventory_locations");

            migrationBuilder.DropTable(
                name: "inventory_movements");

            migrationBuilder.DropTable(
                name: "inventory_reservations");

            migrationBuilder.DropTable(
                name: "inventory_stock");
        }
    }
}
