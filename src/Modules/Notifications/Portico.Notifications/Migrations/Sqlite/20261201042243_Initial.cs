using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Notifications.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notifications_audit_log",
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
                    table.PrimaryKey("pk_notifications_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_channel_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    slack_webhook_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    telegram_bot_token = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    telegram_chat_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    sms_sender_name = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_channel_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    event_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    trigger_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    recipient_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    recipient = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    recipient_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    recipient_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    locale = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    provider_answer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    scheduled_for = table.Column<string>(type: "TEXT", nullable: true),
                    sent_at = table.Column<string>(type: "TEXT", nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_in_app_notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    delivery_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    read_at = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_in_app_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_preferences",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rules = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    quiet_hours_start = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    quiet_hours_end = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_preferences", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_push_subscriptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    endpoint = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    p256dh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    auth = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_push_subscriptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_received_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_received_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_templates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    locale = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    html_body = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_templates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_triggers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    recipients = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    delay_seconds = table.Column<long>(type: "INTEGER", nullable: true),
                    delay_field = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    locale = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_triggers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_audit_log_entity_type_entity_id_id",
                table: "notifications_audit_log",
                columns: new[] { "entity_type", "entity_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_audit_log_tenant_id_id",
                table: "notifications_audit_log",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_channel_settings_tenant_id",
                table: "notifications_channel_settings",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_deliveries_event_id_trigger_id_recipient",
                table: "notifications_deliveries",
                columns: new[] { "event_id", "trigger_id", "recipient" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_deliveries_tenant_id",
                table: "notifications_deliveries",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_deliveries_tenant_id_created_at_id",
                table: "notifications_deliveries",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_deliveries_tenant_id_status",
                table: "notifications_deliveries",
                columns: new[] { "tenant_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_in_app_notifications_delivery_id",
                table: "notifications_in_app_notifications",
                column: "delivery_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_in_app_notifications_tenant_id",
                table: "notifications_in_app_notifications",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_in_app_notifications_tenant_id_user_id_created_at_id",
                table: "notifications_in_app_notifications",
                columns: new[] { "tenant_id", "user_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_preferences_user_id",
                table: "notifications_preferences",
                column: "user_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_push_subscriptions_endpoint",
                table: "notifications_push_subscriptions",
                column: "endpoint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_push_subscriptions_user_id",
                table: "notifications_push_subscriptions",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_received_events_tenant_id",
                table: "notifications_received_events",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_templates_tenant_id",
                table: "notifications_templates",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_templates_tenant_id_created_at_id",
                table: "notifications_templates",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_templates_tenant_id_event_type_channel_locale",
                table: "notifications_templates",
                columns: new[] { "tenant_id", "event_type", "channel", "locale" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_triggers_tenant_id",
                table: "notifications_triggers",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_triggers_tenant_id_created_at_id",
                table: "notifications_triggers",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_triggers_tenant_id_event_type",
                table: "notifications_triggers",
                columns: new[] { "tenant_id", "event_type" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notifications_audit_log");

            migrationBuilder.DropTable(
                name: "notifications_channel_settings");

            migrationBuilder.DropTable(
                name: "notifications_deliveries");

            migrationBuilder.DropTable(
                name: "notifications_in_app_notifications");

            migrationBuilder.DropTable(
                name: "notifications_preferences");

            migrationBuilder.DropTable(
                name: "notifications_push_subscriptions");

            migrationBuilder.DropTable(
                name: "notifications_received_events");

            migrationBuilder.DropTable(
                name: "notifications_templates");

            migrationBuilder.DropTable(
                name: "notifications_triggers");
        }
    }
}
