using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Catalog.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class InitialCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "catalog");

            migrationBuilder.CreateTable(
                name: "audit_log",
                schema: "catalog",
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
                name: "categories",
                schema: "catalog",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    name_ru = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_categories", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "portfolio_images",
                schema: "catalog",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    caption = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_portfolio_images", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "service_staff",
                schema: "catalog",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    price_minor = table.Column<long>(type: "bigint", nullable: true),
                    duration_minutes = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_staff", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "services",
                schema: "catalog",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    name_ru = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    description_en = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    description_ru = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    sort_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    search_text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    price_kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    price_minor = table.Column<long>(type: "bigint", nullable: false),
                    price_max_minor = table.Column<long>(type: "bigint", nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    duration_minutes = table.Column<int>(type: "integer", nullable: false),
                    buffer_before_minutes = table.Column<int>(type: "integer", nullable: false),
                    buffer_after_minutes = table.Column<int>(type: "integer", nullable: false),
                    deposit_minor = table.Column<long>(type: "bigint", nullable: true),
                    deposit_percent = table.Column<int>(type: "integer", nullable: true),
                    online_bookable = table.Column<bool>(type: "boolean", nullable: false),
                    resource_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    tags = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    booked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_services", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_type_entity_id_id",
                schema: "catalog",
                table: "audit_log",
                columns: new[] { "entity_type", "entity_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_tenant_id_id",
                schema: "catalog",
                table: "audit_log",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_categories_tenant_id",
                schema: "catalog",
                table: "categories",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_categories_tenant_id_parent_id_position",
                schema: "catalog",
                table: "categories",
                columns: new[] { "tenant_id", "parent_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_portfolio_images_tenant_id",
                schema: "catalog",
                table: "portfolio_images",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_portfolio_images_tenant_id_service_id_position",
                schema: "catalog",
                table: "portfolio_images",
                columns: new[] { "tenant_id", "service_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_service_staff_tenant_id",
                schema: "catalog",
                table: "service_staff",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_staff_tenant_id_service_id_staff_id",
                schema: "catalog",
                table: "service_staff",
                columns: new[] { "tenant_id", "service_id", "staff_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_staff_tenant_id_staff_id",
                schema: "catalog",
                table: "service_staff",
                columns: new[] { "tenant_id", "staff_id" });

            migrationBuilder.CreateIndex(
                name: "ix_services_tenant_id",
                schema: "catalog",
                table: "services",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_services_tenant_id_category_id",
                schema: "catalog",
                table: "services",
                columns: new[] { "tenant_id", "category_id" });

            migrationBuilder.CreateIndex(
                name: "ix_services_tenant_id_created_at_id",
                schema: "catalog",
                table: "services",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_services_tenant_id_duration_minutes_id",
                schema: "catalog",
                table: "services",
                columns: new[] { "tenant_id", "duration_minutes", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_services_tenant_id_position_id",
                schema: "catalog",
                table: "services",
                columns: new[] { "tenant_id", "position", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_services_tenant_id_price_minor_id",
                schema: "catalog",
                table: "services",
                columns: new[] { "tenant_id", "price_minor", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_services_tenant_id_sort_name_id",
                schema: "catalog",
                table: "services",
                columns: new[] { "tenant_id", "sort_name", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_log",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "categories",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "portfolio_images",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "service_staff",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "services",
                schema: "catalog");
        }
    }
}
