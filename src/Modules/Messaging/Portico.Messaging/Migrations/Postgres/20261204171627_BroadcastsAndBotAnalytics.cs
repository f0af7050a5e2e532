using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Messaging.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class BroadcastsAndBotAnalytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "bot_id",
                schema: "messaging",
                table: "messages",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "broadcast_id",
                schema: "messaging",
                table: "messages",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "response_seconds",
                schema: "messaging",
                table: "messages",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lead_captured_at",
                schema: "messaging",
                table: "conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tags",
                schema: "messaging",
                table: "chat_users",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "broadcasts",
                schema: "messaging",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    photo = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    reply_markup = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    segment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    scheduled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    run_token = table.Column<Guid>(type: "uuid", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    sent = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    blocked = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_broadcasts", x => x.id);
                });

            // Messages written before the column get their conversation's bot.
            migrationBuilder.Sql("UPDATE messaging.messages SET bot_id = (SELECT c.bot_id FROM messaging.conversations c WHERE c.id = messaging.messages.conversation_id);");

            migrationBuilder.CreateIndex(
                name: "ix_messages_broadcast_id_delivery_status_id",
                schema: "messaging",
                table: "messages",
                columns: new[] { "broadcast_id", "delivery_status", "id" },
                filter: "broadcast_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_messages_tenant_id_bot_id_at",
                schema: "messaging",
                table: "messages",
                columns: new[] { "tenant_id", "bot_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_broadcasts_tenant_id",
                schema: "messaging",
                table: "broadcasts",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_broadcasts_tenant_id_bot_id_created_at_id",
                schema: "messaging",
                table: "broadcasts",
                columns: new[] { "tenant_id", "bot_id", "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "broadcasts",
                schema: "messaging");

            migrationBuilder.DropIndex(
                name: "ix_messages_broadcast_id_delivery_status_id",
                schema: "messaging",
                table: "messages");

            migrationBuilder.DropIndex(
                name: "ix_messages_tenant_id_bot_id_at",
                schema: "messaging",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "bot_id",
                schema: "messaging",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "broadcast_id",
                schema: "messaging",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "response_seconds",
                schema: "messaging",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "lead_captured_at",
                schema: "messaging",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "tags",
                schema: "messaging",
                table: "chat_users");
        }
    }
}
