using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Messaging.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class BroadcastsAndBotAnalytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "bot_id",
                table: "messaging_messages",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "broadcast_id",
                table: "messaging_messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "response_seconds",
                table: "messaging_messages",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lead_captured_at",
                table: "messaging_conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tags",
                table: "messaging_chat_users",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "messaging_broadcasts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    photo = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    reply_markup = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    segment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    scheduled_at = table.Column<string>(type: "TEXT", nullable: false),
                    started_at = table.Column<string>(type: "TEXT", nullable: true),
                    finished_at = table.Column<string>(type: "TEXT", nullable: true),
                    run_token = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    total = table.Column<int>(type: "INTEGER", nullable: false),
                    sent = table.Column<int>(type: "INTEGER", nullable: false),
                    failed = table.Column<int>(type: "INTEGER", nullable: false),
                    blocked = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_messaging_broadcasts", x => x.id);
                });

            // Messages written before the column get their conversation's bot.
            migrationBuilder.Sql("UPDATE messaging_messages SET bot_id = (SELECT c.bot_id FROM messaging_conversations c WHERE c.id = messaging_messages.conversation_id);");

            migrationBuilder.CreateIndex(
                name: "ix_messaging_messages_broadcast_id_delivery_status_id",
                table: "messaging_messages",
                columns: new[] { "broadcast_id", "delivery_status", "id" },
                filter: "broadcast_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_messaging_messages_tenant_id_bot_id_at",
                table: "messaging_messages",
                columns: new[] { "tenant_id", "bot_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_messaging_broadcasts_tenant_id",
                table: "messaging_broadcasts",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_messaging_broadcasts_tenant_id_bot_id_created_at_id",
                table: "messaging_broadcasts",
                columns: new[] { "tenant_id", "bot_id", "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "messaging_broadcasts");

            migrationBuilder.DropIndex(
                name: "ix_messaging_messages_broadcast_id_delivery_status_id",
                table: "messaging_messages");

            migrationBuilder.DropIndex(
                name: "ix_messaging_messages_tenant_id_bot_id_at",
                table: "messaging_messages");

            migrationBuilder.DropColumn(
                name: "bot_id",
                table: "messaging_messages");

            migrationBuilder.DropColumn(
                name: "broadcast_id",
                table: "messaging_messages");

            migrationBuilder.DropColumn(
                name: "response_seconds",
                table: "messaging_messages");

            migrationBuilder.DropColumn(
                name: "lead_captured_at",
                table: "messaging_conversations");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "messaging_chat_users");
        }
    }
}
