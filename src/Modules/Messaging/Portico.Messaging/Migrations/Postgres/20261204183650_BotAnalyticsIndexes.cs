using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Messaging.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class BotAnalyticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_messages_tenant_id_bot_id_at",
                schema: "messaging",
                table: "messages");

            migrationBuilder.CreateIndex(
                name: "ix_messages_bot_analytics",
                schema: "messaging",
                table: "messages",
                columns: new[] { "tenant_id", "bot_id", "at", "direction", "delivery_status", "conversation_id", "response_seconds" });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_tenant_id_bot_id_lead_captured_at",
                schema: "messaging",
                table: "conversations",
                columns: new[] { "tenant_id", "bot_id", "lead_captured_at" },
                filter: "lead_captured_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_chat_users_tenant_id_bot_id_created_at",
                schema: "messaging",
                table: "chat_users",
                columns: new[] { "tenant_id", "bot_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_messages_bot_analytics",
                schema: "messaging",
                table: "messages");

            migrationBuilder.DropIndex(
                name: "ix_conversations_tenant_id_bot_id_lead_captured_at",
                schema: "messaging",
                table: "conversations");

            migrationBuilder.DropIndex(
                name: "ix_chat_users_tenant_id_bot_id_created_at",
                schema: "messaging",
                table: "chat_users");

            migrationBuilder.CreateIndex(
                name: "ix_messages_tenant_id_bot_id_at",
                schema: "messaging",
                table: "messages",
                columns: new[] { "tenant_id", "bot_id", "at" });
        }
    }
}
