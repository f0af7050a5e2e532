using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Catalog.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class InitialCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalog_audit_log",
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
                    table.PrimaryKey("pk_catalog_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_categories",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    name_ru = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_categories", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_portfolio_images",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    caption = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_portfolio_images", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_service_staff",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    staff_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    price_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    duration_minutes = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_service_staff", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    name_ru = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    description_en = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    description_ru = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    sort_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    search_text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    price_kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    price_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    price_max_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    duration_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    buffer_before_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    buffer_after_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    deposit_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    deposit_percent = table.Column<int>(type: "INTEGER", nullable: true),
                    online_bookable = table.Column<bool>(type: "INTEGER", nullable: false),
                    resource_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    tags = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    archived_at = table.Column<string>(type: "TEXT", nullable: true),
                    booked_at = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_services", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_audit_log_entity_type_entity_id_id",
                table: "catalog_audit_log",
                columns: new[] { "entity_type", "entity_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_audit_log_tenant_id_id",
                table: "catalog_audit_log",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_categories_tenant_id",
                table: "catalog_categories",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_categories_tenant_id_parent_id_position",
                table: "catalog_categories",
                columns: new[] { "tenant_id", "parent_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_portfolio_images_tenant_id",
                table: "catalog_portfolio_images",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_portfolio_images_tenant_id_service_id_position",
                table: "catalog_portfolio_images",
                columns: new[] { "tenant_id", "service_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_service_staff_tenant_id",
                table: "catalog_service_staff",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_service_staff_tenant_id_service_id_staff_id",
                table: "catalog_service_staff",
                columns: new[] { "tenant_id", "service_id", "staff_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_service_staff_tenant_id_staff_id",
                table: "catalog_service_staff",
                columns: new[] { "tenant_id", "staff_id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_services_tenant_id",
                table: "catalog_services",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_services_tenant_id_category_id",
                table: "catalog_services",
                columns: new[] { "tenant_id", "category_id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_services_tenant_id_created_at_id",
                table: "catalog_services",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_services_tenant_id_duration_minutes_id",
                table: "catalog_services",
                columns: new[] { "tenant_id", "duration_minutes", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_services_tenant_id_position_id",
                table: "catalog_services",
                columns: new[] { "tenant_id", "position", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_services_tenant_id_price_minor_id",
                table: "catalog_services",
                columns: new[] { "tenant_id", "price_minor", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_services_tenant_id_sort_name_id",
                table: "catalog_services",
                columns: new[] { "tenant_id", "sort_name", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalog_audit_log");

            migrationBuilder.DropTable(
                name: "catalog_categories");

            migrationBuilder.DropTable(
                name: "catalog_portfolio_images");

            migrationBuilder.DropTable(
                name: "catalog_service_staff");

            migrationBuilder.DropTable(
                name: "catalog_services");
        }
    }
}
