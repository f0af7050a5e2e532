using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portico.Data.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class EventLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "event_checkpoints",
                schema: "platform",
                columns: table => new
                {
                    subscriber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    tx = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_event_checkpoints", x => x.subscriber);
                });

            migrationBuilder.CreateTable(
                name: "event_log",
                schema: "platform",
                columns: table => new
                {
                    position = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tx = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "(pg_current_xact_id()::text)::bigint"),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_event_log", x => x.position);
                });

            migrationBuilder.CreateTable(
                name: "parked_events",
                schema: "platform",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscriber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    parked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parked_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_event_log_created_at",
                schema: "platform",
                table: "event_log",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_event_log_tx_position",
                schema: "platform",
                table: "event_log",
                columns: new[] { "tx", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_parked_events_subscriber_event_id",
                schema: "platform",
                table: "parked_events",
                columns: new[] { "subscriber", "event_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "event_checkpoints",
                schema: "platform");

            migrationBuilder.DropTable(
                name: "event_log",
                schema: "platform");

            migrationBuilder.DropTable(
                name: "parked_events",
                schema: "platform");
        }
    }
}
