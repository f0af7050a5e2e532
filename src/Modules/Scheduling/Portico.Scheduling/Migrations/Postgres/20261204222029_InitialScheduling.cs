using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Scheduling.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class InitialScheduling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "scheduling");

            migrationBuilder.CreateTable(
                name: "appointment_blocks",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    resource_id = table.Column<Guid>(type: "uuid", nullable: true),
                    resource_unit = table.Column<int>(type: "integer", nullable: true),
                    blocked_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    blocked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointment_blocks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "appointment_reminders",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    offset_minutes = table.Column<int>(type: "integer", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointment_reminders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "appointment_status_changes",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    to_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointment_status_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "appointments",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    resource_id = table.Column<Guid>(type: "uuid", nullable: true),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    deal_id = table.Column<Guid>(type: "uuid", nullable: true),
                    client_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    client_email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    client_phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    locale = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    price_minor = table.Column<long>(type: "bigint", nullable: false),
                    deposit_minor = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    cancellation_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    cancelled_by = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                schema: "scheduling",
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
                name: "booking_settings",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    minimum_notice_minutes = table.Column<int>(type: "integer", nullable: false),
                    horizon_days = table.Column<int>(type: "integer", nullable: false),
                    slot_step_minutes = table.Column<int>(type: "integer", nullable: false),
                    cancellation_window_hours = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_booking_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "calendar_connections",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    external_calendar_id = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    account = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    access_token = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                    refresh_token = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: true),
                    access_token_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sync_cursor = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    full_sync_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    last_error_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_connections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "calendar_event_links",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    external_event_id = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_event_links", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "calendar_feeds",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    generation = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_feeds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "date_overrides",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    intervals = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_date_overrides", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "external_busy_times",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    external_event_id = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_external_busy_times", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "holidays",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_holidays", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reminder_settings",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    offsets_minutes = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "resources",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    weekly_hours = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    breaks = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resources", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "staff",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    bio = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    photo_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    color = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    bookable = table.Column<bool>(type: "boolean", nullable: false),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    weekly_hours = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    breaks = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "time_off",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_time_off", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "appointment_lines",
                schema: "scheduling",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    price_minor = table.Column<long>(type: "bigint", nullable: false),
                    price_max_minor = table.Column<long>(type: "bigint", nullable: true),
                    deposit_minor = table.Column<long>(type: "bigint", nullable: false),
                    duration_minutes = table.Column<int>(type: "integer", nullable: false),
                    buffer_before_minutes = table.Column<int>(type: "integer", nullable: false),
                    buffer_after_minutes = table.Column<int>(type: "integer", nullable: false),
                    resource_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    resource_id = table.Column<Guid>(type: "uuid", nullable: true),
                    resource_unit = table.Column<int>(type: "integer", nullable: true),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appointment_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_appointment_lines_appointments_appointment_id",
                        column: x => x.appointment_id,
                        principalSchema: "scheduling",
                        principalTable: "appointments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_appointment_blocks_appointment_id",
                schema: "scheduling",
                table: "appointment_blocks",
                column: "appointment_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointment_blocks_tenant_id",
                schema: "scheduling",
                table: "appointment_blocks",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointment_blocks_tenant_id_resource_id_blocked_from",
                schema: "scheduling",
                table: "appointment_blocks",
                columns: new[] { "tenant_id", "resource_id", "blocked_from" });

            migrationBuilder.CreateIndex(
                name: "ix_appointment_blocks_tenant_id_staff_id_blocked_from",
                schema: "scheduling",
                table: "appointment_blocks",
                columns: new[] { "tenant_id", "staff_id", "blocked_from" });

            migrationBuilder.CreateIndex(
                name: "ix_appointment_lines_appointment_id_position",
                schema: "scheduling",
                table: "appointment_lines",
                columns: new[] { "appointment_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_appointment_lines_tenant_id",
                schema: "scheduling",
                table: "appointment_lines",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointment_reminders_appointment_id_offset_minutes",
                schema: "scheduling",
                table: "appointment_reminders",
                columns: new[] { "appointment_id", "offset_minutes" });

            migrationBuilder.CreateIndex(
                name: "ix_appointment_reminders_tenant_id",
                schema: "scheduling",
                table: "appointment_reminders",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointment_status_changes_appointment_id_id",
                schema: "scheduling",
                table: "appointment_status_changes",
                columns: new[] { "appointment_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_appointment_status_changes_tenant_id",
                schema: "scheduling",
                table: "appointment_status_changes",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointments_tenant_id",
                schema: "scheduling",
                table: "appointments",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_appointments_tenant_id_contact_id_starts_at",
                schema: "scheduling",
                table: "appointments",
                columns: new[] { "tenant_id", "contact_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_appointments_tenant_id_staff_id_starts_at",
                schema: "scheduling",
                table: "appointments",
                columns: new[] { "tenant_id", "staff_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_appointments_tenant_id_starts_at_id",
                schema: "scheduling",
                table: "appointments",
                columns: new[] { "tenant_id", "starts_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_type_entity_id_id",
                schema: "scheduling",
                table: "audit_log",
                columns: new[] { "entity_type", "entity_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_tenant_id_id",
                schema: "scheduling",
                table: "audit_log",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_booking_settings_tenant_id",
                schema: "scheduling",
                table: "booking_settings",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_calendar_connections_status",
                schema: "scheduling",
                table: "calendar_connections",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_calendar_connections_tenant_id",
                schema: "scheduling",
                table: "calendar_connections",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_calendar_connections_tenant_id_staff_id",
                schema: "scheduling",
                table: "calendar_connections",
                columns: new[] { "tenant_id", "staff_id" });

            migrationBuilder.CreateIndex(
                name: "ix_calendar_event_links_connection_id_appointment_id",
                schema: "scheduling",
                table: "calendar_event_links",
                columns: new[] { "connection_id", "appointment_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_calendar_event_links_tenant_id",
                schema: "scheduling",
                table: "calendar_event_links",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_calendar_event_links_tenant_id_appointment_id",
                schema: "scheduling",
                table: "calendar_event_links",
                columns: new[] { "tenant_id", "appointment_id" });

            migrationBuilder.CreateIndex(
                name: "ix_calendar_feeds_tenant_id",
                schema: "scheduling",
                table: "calendar_feeds",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_calendar_feeds_tenant_id_staff_id",
                schema: "scheduling",
                table: "calendar_feeds",
                columns: new[] { "tenant_id", "staff_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_date_overrides_tenant_id",
                schema: "scheduling",
                table: "date_overrides",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_date_overrides_tenant_id_owner_id_date",
                schema: "scheduling",
                table: "date_overrides",
                columns: new[] { "tenant_id", "owner_id", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_external_busy_times_connection_id_external_event_id",
                schema: "scheduling",
                table: "external_busy_times",
                columns: new[] { "connection_id", "external_event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_external_busy_times_tenant_id",
                schema: "scheduling",
                table: "external_busy_times",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_external_busy_times_tenant_id_staff_id_starts_at",
                schema: "scheduling",
                table: "external_busy_times",
                columns: new[] { "tenant_id", "staff_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_holidays_tenant_id",
                schema: "scheduling",
                table: "holidays",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_holidays_tenant_id_date",
                schema: "scheduling",
                table: "holidays",
                columns: new[] { "tenant_id", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reminder_settings_tenant_id",
                schema: "scheduling",
                table: "reminder_settings",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_resources_tenant_id",
                schema: "scheduling",
                table: "resources",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_resources_tenant_id_kind_id",
                schema: "scheduling",
                table: "resources",
                columns: new[] { "tenant_id", "kind", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_staff_tenant_id",
                schema: "scheduling",
                table: "staff",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_tenant_id_display_name_id",
                schema: "scheduling",
                table: "staff",
                columns: new[] { "tenant_id", "display_name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_staff_tenant_id_user_id",
                schema: "scheduling",
                table: "staff",
                columns: new[] { "tenant_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_time_off_tenant_id",
                schema: "scheduling",
                table: "time_off",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_time_off_tenant_id_staff_id_starts_at",
                schema: "scheduling",
                table: "time_off",
                columns: new[] { "tenant_id", "staff_id", "starts_at" });

            global::Portico.Scheduling.Appointments.SchedulingSql.PostgresUp(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            global::Portico.Scheduling.Appointments.SchedulingSql.PostgresDown(migrationBuilder);

            migrationBuilder.DropTable(
                name: "appointment_blocks",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "appointment_lines",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "appointment_reminders",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "appointment_status_changes",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "audit_log",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "booking_settings",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "calendar_connections",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "calendar_event_links",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "calendar_feeds",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "date_overrides",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "external_busy_times",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "holidays",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "reminder_settings",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "resources",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "staff",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "time_off",
                schema: "scheduling");

            migrationBuilder.DropTable(
                name: "appointments",
                schema: "scheduling");
        }
    }
}
