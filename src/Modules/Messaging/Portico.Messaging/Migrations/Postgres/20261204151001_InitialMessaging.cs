using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Messaging.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class InitialMessaging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "messaging");

            migrationBuilder.CreateTable(
                name: "audit_log",
                schema: "messaging",
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
                name: "bots",
                schema: "messaging",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    telegram_id = table.Column<long>(type: "bigint", nullable: false),
                    username = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    token = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    token_hint = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    webhook_secret_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    mode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    error_count = table.Column<int>(type: "integer", nullable: false),
                    last_error_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    pending_updates = table.Column<int>(type: "integer", nullable: false),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    poll_offset = table.Column<long>(type: "bigint", nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    welcome_message = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    auto_replies = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    lead_capture = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    users_count = table.Column<int>(type: "integer", nullable: false),
                    messages_count = table.Column<int>(type: "integer", nullable: false),
                    leads_count = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "chat_users",
                schema: "messaging",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    telegram_user_id = table.Column<long>(type: "bigint", nullable: false),
                    username = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    first_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    last_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    language_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    blocked = table.Column<bool>(type: "boolean", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chat_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "conversations",
                schema: "messaging",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    chat_id = table.Column<long>(type: "bigint", nullable: false),
                    chat_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    assignee_id = table.Column<Guid>(type: "uuid", nullable: true),
                    unread_count = table.Column<int>(type: "integer", nullable: false),
                    last_message_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_message_preview = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    awaiting_reply_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: true),
                    question_asked = table.Column<int>(type: "integer", nullable: true),
                    answers = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbound_updates",
                schema: "messaging",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    update_id = table.Column<long>(type: "bigint", nullable: false),
                    payload = table.Column<string>(type: "character varying(1048576)", maxLength: 1048576, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbound_updates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "messages",
                schema: "messaging",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    direction = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    text = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true),
                    file_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    data = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    telegram_message_id = table.Column<long>(type: "bigint", nullable: true),
                    update_id = table.Column<long>(type: "bigint", nullable: true),
                    sender = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    delivery_status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_messages", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_type_entity_id_id",
                schema: "messaging",
                table: "audit_log",
                columns: new[] { "entity_type", "entity_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_tenant_id_id",
                schema: "messaging",
                table: "audit_log",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_bots_tenant_id",
                schema: "messaging",
                table: "bots",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_bots_tenant_id_telegram_id",
                schema: "messaging",
                table: "bots",
                columns: new[] { "tenant_id", "telegram_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_chat_users_tenant_id",
                schema: "messaging",
                table: "chat_users",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_chat_users_tenant_id_bot_id_telegram_user_id",
                schema: "messaging",
                table: "chat_users",
                columns: new[] { "tenant_id", "bot_id", "telegram_user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversations_tenant_id",
                schema: "messaging",
                table: "conversations",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_tenant_id_bot_id_chat_id",
                schema: "messaging",
                table: "conversations",
                columns: new[] { "tenant_id", "bot_id", "chat_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversations_tenant_id_last_message_at_id",
                schema: "messaging",
                table: "conversations",
                columns: new[] { "tenant_id", "last_message_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_updates_bot_id_update_id",
                schema: "messaging",
                table: "inbound_updates",
                columns: new[] { "bot_id", "update_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inbound_updates_pending",
                schema: "messaging",
                table: "inbound_updates",
                column: "id",
                filter: "processed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbound_updates_tenant_id",
                schema: "messaging",
                table: "inbound_updates",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_messages_tenant_id",
                schema: "messaging",
                table: "messages",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_messages_tenant_id_conversation_id_created_at_id",
                schema: "messaging",
                table: "messages",
                columns: new[] { "tenant_id", "conversation_id", "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_log",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "bots",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "chat_users",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "conversations",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "inbound_updates",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "messages",
                schema: "messaging");
        }
    }
}
