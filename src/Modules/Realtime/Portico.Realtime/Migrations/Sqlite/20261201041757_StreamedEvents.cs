using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Realtime.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class StreamedEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "realtime_audit_log",
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
                    table.PrimaryKey("pk_realtime_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "realtime_streamed_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<long>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    rooms = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    occurred_at = table.Column<string>(type: "TEXT", nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_realtime_streamed_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_realtime_audit_log_entity_type_entity_id_id",
                table: "realtime_audit_log",
                columns: new[] { "entity_type", "entity_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_realtime_audit_log_tenant_id_id",
                table: "realtime_audit_log",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_realtime_streamed_events_created_at",
                table: "realtime_streamed_events",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_realtime_streamed_events_tenant_id",
                table: "realtime_streamed_events",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_realtime_streamed_events_tenant_id_position",
                table: "realtime_streamed_events",
                columns: new[] { "tenant_id", "position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "realtime_audit_log");

            migrationBuilder.DropTable(
                name: "realtime_streamed_events");
        }
    }
}
