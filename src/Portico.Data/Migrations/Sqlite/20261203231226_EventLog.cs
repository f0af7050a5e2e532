using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class EventLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_event_checkpoints",
                columns: table => new
                {
                    subscriber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    tx = table.Column<long>(type: "INTEGER", nullable: false),
                    position = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_event_checkpoints", x => x.subscriber);
                });

            migrationBuilder.CreateTable(
                name: "platform_event_log",
                columns: table => new
                {
                    position = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tx = table.Column<long>(type: "INTEGER", nullable: false, defaultValue: 0L),
                    event_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_event_log", x => x.position);
                });

            migrationBuilder.CreateTable(
                name: "platform_parked_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subscriber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    position = table.Column<long>(type: "INTEGER", nullable: false),
                    event_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    parked_at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_parked_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_event_log_created_at",
                table: "platform_event_log",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_platform_event_log_tx_position",
                table: "platform_event_log",
                columns: new[] { "tx", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_parked_events_subscriber_event_id",
                table: "platform_parked_events",
                columns: new[] { "subscriber", "event_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_event_checkpoints");

            migrationBuilder.DropTable(
                name: "platform_event_log");

            migrationBuilder.DropTable(
                name: "platform_parked_events");
        }
    }
}
