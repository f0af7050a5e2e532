using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Messaging.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class InitialMessaging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "messaging_audit_log",
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
                    table.PrimaryKey("pk_messaging_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "messaging_bots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    telegram_id = table.Column<long>(type: "INTEGER", nullable: false),
                    username = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    token = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    token_hint = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    webhook_secret_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    mode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    error_count = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error_at = table.Column<string>(type: "TEXT", nullable: true),
                    pending_updates = table.Column<int>(type: "INTEGER", nullable: false),
                    checked_at = table.Column<string>(type: "TEXT", nullable: true),
                    poll_offset = table.Column<long>(type: "INTEGER", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    welcome_message = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    auto_replies = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    lead_capture = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    users_count = table.Column<int>(type: "INTEGER", nullable: false),
                    messages_count = table.Column<int>(type: "INTEGER", nullable: false),
                    leads_count = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_messaging_bots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "messaging_chat_users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    telegram_user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    username = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    first_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    language_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    blocked = table.Column<bool>(type: "INTEGER", nullable: false),
                    last_seen_at = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_messaging_chat_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "messaging_conversations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    chat_id = table.Column<long>(type: "INTEGER", nullable: false),
                    chat_user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    assignee_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    unread_count = table.Column<int>(type: "INTEGER", nullable: false),
                    last_message_at = table.Column<string>(type: "TEXT", nullable: false),
                    last_message_preview = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    awaiting_reply_since = table.Column<string>(type: "TEXT", nullable: true),
                    lead_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    question_asked = table.Column<int>(type: "INTEGER", nullable: true),
                    answers = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_messaging_conversations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "messaging_inbound_updates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    update_id = table.Column<long>(type: "INTEGER", nullable: false),
                    payload = table.Column<string>(type: "TEXT", maxLength: 1048576, nullable: false),
                    processed_at = table.Column<string>(type: "TEXT", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_messaging_inbound_updates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "messaging_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    conversation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    direction = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    file_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    data = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    telegram_message_id = table.Column<long>(type: "INTEGER", nullable: true),
                    update_id = table.Column<long>(type: "INTEGER", nullable: true),
                    sender = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    delivery_status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    at = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_messaging_messages", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_messaging_audit_log_entity_type_entity_id_id",
                table: "messaging_audit_log",
                columns: new[] { "entity_type", "entity_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_messaging_audit_log_tenant_id_id",
                table: "messaging_audit_log",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_messaging_bots_tenant_id",
                table: "messaging_bots",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_messaging_bots_tenant_id_telegram_id",
                table: "messaging_bots",
                columns: new[] { "tenant_id", "telegram_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_messaging_chat_users_tenant_id",
                table: "messaging_chat_users",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_messaging_chat_users_tenant_id_bot_id_telegram_user_id",
                table: "messaging_chat_users",
                columns: new[] { "tenant_id", "bot_id", "telegram_user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_messaging_conversations_tenant_id",
                table: "messaging_conversations",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_messaging_conversations_tenant_id_bot_id_chat_id",
                table: "messaging_conversations",
                columns: new[] { "tenant_id", "bot_id", "chat_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_messaging_conversations_tenant_id_last_message_at_id",
                table: "messaging_conversations",
                columns: new[] { "tenant_id", "last_message_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_updates_pending",
                table: "messaging_inbound_updates",
                column: "id",
                filter: "processed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_messaging_inbound_updates_bot_id_update_id",
                table: "messaging_inbound_updates",
                columns: new[] { "bot_id", "update_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_messaging_inbound_updates_tenant_id",
                table: "messaging_inbound_updates",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_messaging_messages_tenant_id",
                table: "messaging_messages",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_messaging_messages_tenant_id_conversation_id_created_at_id",
                table: "messaging_messages",
                columns: new[] { "tenant_id", "conversation_id", "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "messaging_audit_log");

            migrationBuilder.DropTable(
                name: "messaging_bots");

            migrationBuilder.DropTable(
                name: "messaging_chat_users");

            migrationBuilder.DropTable(
                name: "messaging_conversations");

            migrationBuilder.DropTable(
                name: "messaging_inbound_updates");

            migrationBuilder.DropTable(
                name: "messaging_messages");
        }
    }
}
