using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.WorkOrders.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class InitialWorkOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "workorders_audit_log",
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
                    table.PrimaryKey("pk_workorders_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workorders_repair_services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    labour_kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    labour_price_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    hourly_rate_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    standard_hours = table.Column<decimal>(type: "TEXT", precision: 8, scale: 2, nullable: true),
                    vat_rate = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    current_template_version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workorders_repair_services", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workorders_stage_template_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    stages = table.Column<string>(type: "TEXT", nullable: false),
                    stage_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workorders_stage_template_versions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_audit_log_entity_type_entity_id_id",
                table: "workorders_audit_log",
                columns: new[] { "entity_type", "entity_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_audit_log_tenant_id_id",
                table: "workorders_audit_log",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_repair_services_tenant_id",
                table: "workorders_repair_services",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_workorders_repair_services_tenant_id_created_at_id",
                table: "workorders_repair_services",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_repair_services_tenant_id_service_id",
                table: "workorders_repair_services",
                columns: new[] { "tenant_id", "service_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workorders_repair_services_tenant_id_updated_at_id",
                table: "workorders_repair_services",
                columns: new[] { "tenant_id", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_workorders_stage_template_versions_tenant_id",
                table: "workorders_stage_template_versions",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_workorders_stage_template_versions_tenant_id_service_id_number",
                table: "workorders_stage_template_versions",
                columns: new[] { "tenant_id", "service_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "workorders_audit_log");

            migrationBuilder.DropTable(
                name: "workorders_repair_services");

            migrationBuilder.DropTable(
                name: "workorders_stage_template_versions");
        }
    }
}
