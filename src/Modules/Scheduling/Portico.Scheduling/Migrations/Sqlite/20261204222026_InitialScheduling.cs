using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Scheduling.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class InitialScheduling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scheduling_appointment_blocks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    appointment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    staff_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    resource_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    resource_unit = table.Column<int>(type: "INTEGER", nullable: true),
                    blocked_from = table.Column<string>(type: "TEXT", nullable: false),
                    blocked_until = table.Column<string>(type: "TEXT", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_appointment_blocks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_appointment_reminders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    appointment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    offset_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    due_at = table.Column<string>(type: "TEXT", nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    sent_at = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_appointment_reminders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_appointment_status_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    appointment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from_status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    to_status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_appointment_status_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_appointments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    staff_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    resource_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    starts_at = table.Column<string>(type: "TEXT", nullable: false),
                    ends_at = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    deal_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    client_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    client_email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    client_phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    locale = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    price_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    deposit_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    cancellation_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    cancelled_by = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    cancelled_at = table.Column<string>(type: "TEXT", nullable: true),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_appointments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_audit_log",
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
                    table.PrimaryKey("pk_scheduling_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_booking_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    minimum_notice_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    horizon_days = table.Column<int>(type: "INTEGER", nullable: false),
                    slot_step_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    cancellation_window_hours = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_booking_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_calendar_connections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    staff_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    external_calendar_id = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    account = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    access_token = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    refresh_token = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    access_token_expires_at = table.Column<string>(type: "TEXT", nullable: false),
                    sync_cursor = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    full_sync_at = table.Column<string>(type: "TEXT", nullable: true),
                    last_synced_at = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    last_error_at = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_calendar_connections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_calendar_event_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    connection_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    appointment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    external_event_id = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_calendar_event_links", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_calendar_feeds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    staff_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    generation = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_calendar_feeds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_date_overrides",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    intervals = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_date_overrides", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_external_busy_times",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    staff_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    connection_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    external_event_id = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    starts_at = table.Column<string>(type: "TEXT", nullable: false),
                    ends_at = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_external_busy_times", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_holidays",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_holidays", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_reminder_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    offsets_minutes = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_reminder_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_resources",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    archived_at = table.Column<string>(type: "TEXT", nullable: true),
                    weekly_hours = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    breaks = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_resources", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_staff",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    bio = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    photo_file_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    color = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    bookable = table.Column<bool>(type: "INTEGER", nullable: false),
                    archived_at = table.Column<string>(type: "TEXT", nullable: true),
                    weekly_hours = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    breaks = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_staff", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_time_off",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    staff_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    starts_at = table.Column<string>(type: "TEXT", nullable: false),
                    ends_at = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_time_off", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scheduling_appointment_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    appointment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    price_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    price_max_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    deposit_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    duration_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    buffer_before_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    buffer_after_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    resource_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    resource_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    resource_unit = table.Column<int>(type: "INTEGER", nullable: true),
                    starts_at = table.Column<string>(type: "TEXT", nullable: false),
                    ends_at = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduling_appointment_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_scheduling_appointment_lines_scheduling_appointments_appointment_id",
                        column: x => x.appointment_id,
                        principalTable: "scheduling_appointments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_appointment_blocks_appointment_id",
                table: "scheduling_appointment_blocks",
                column: "appointment_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_appointment_blocks_tenant_id",
                table: "scheduling_appointment_blocks",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_appointment_blocks_tenant_id_resource_id_blocked_from",
                table: "scheduling_appointment_blocks",
                columns: new[] { "tenant_id", "resource_id", "blocked_from" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_appointment_blocks_tenant_id_staff_id_blocked_from",
                table: "scheduling_appointment_blocks",
                columns: new[] { "tenant_id", "staff_id", "blocked_from" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_appointment_lines_appointment_id_position",
                table: "scheduling_appointment_lines",
                columns: new[] { "appointment_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_appointment_lines_tenant_id",
                table: "scheduling_appointment_lines",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_appointment_reminders_appointment_id_offset_minutes",
                table: "scheduling_appointment_reminders",
                columns: new[] { "appointment_id", "offset_minutes" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_appointment_reminders_tenant_id",
                table: "scheduling_appointment_reminders",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_appointment_status_changes_appointment_id_id",
                table: "scheduling_appointment_status_changes",
                columns: new[] { "appointment_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_appointment_status_changes_tenant_id",
                table: "scheduling_appointment_status_changes",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_appointments_tenant_id",
                table: "scheduling_appointments",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_appointments_tenant_id_contact_id_starts_at",
                table: "scheduling_appointments",
                columns: new[] { "tenant_id", "contact_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_appointments_tenant_id_staff_id_starts_at",
                table: "scheduling_appointments",
                columns: new[] { "tenant_id", "staff_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_appointments_tenant_id_starts_at_id",
                table: "scheduling_appointments",
                columns: new[] { "tenant_id", "starts_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_audit_log_entity_type_entity_id_id",
                table: "scheduling_audit_log",
                columns: new[] { "entity_type", "entity_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_audit_log_tenant_id_id",
                table: "scheduling_audit_log",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_booking_settings_tenant_id",
                table: "scheduling_booking_settings",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_calendar_connections_status",
                table: "scheduling_calendar_connections",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_calendar_connections_tenant_id",
                table: "scheduling_calendar_connections",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_calendar_connections_tenant_id_staff_id",
                table: "scheduling_calendar_connections",
                columns: new[] { "tenant_id", "staff_id" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_calendar_event_links_connection_id_appointment_id",
                table: "scheduling_calendar_event_links",
                columns: new[] { "connection_id", "appointment_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_calendar_event_links_tenant_id",
                table: "scheduling_calendar_event_links",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_calendar_event_links_tenant_id_appointment_id",
                table: "scheduling_calendar_event_links",
                columns: new[] { "tenant_id", "appointment_id" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_calendar_feeds_tenant_id",
                table: "scheduling_calendar_feeds",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_calendar_feeds_tenant_id_staff_id",
                table: "scheduling_calendar_feeds",
                columns: new[] { "tenant_id", "staff_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_date_overrides_tenant_id",
                table: "scheduling_date_overrides",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_date_overrides_tenant_id_owner_id_date",
                table: "scheduling_date_overrides",
                columns: new[] { "tenant_id", "owner_id", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_external_busy_times_connection_id_external_event_id",
                table: "scheduling_external_busy_times",
                columns: new[] { "connection_id", "external_event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_external_busy_times_tenant_id",
                table: "scheduling_external_busy_times",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_external_busy_times_tenant_id_staff_id_starts_at",
                table: "scheduling_external_busy_times",
                columns: new[] { "tenant_id", "staff_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_holidays_tenant_id",
                table: "scheduling_holidays",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_holidays_tenant_id_date",
                table: "scheduling_holidays",
                columns: new[] { "tenant_id", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_reminder_settings_tenant_id",
                table: "scheduling_reminder_settings",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_resources_tenant_id",
                table: "scheduling_resources",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_resources_tenant_id_kind_id",
                table: "scheduling_resources",
                columns: new[] { "tenant_id", "kind", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_staff_tenant_id",
                table: "scheduling_staff",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_staff_tenant_id_display_name_id",
                table: "scheduling_staff",
                columns: new[] { "tenant_id", "display_name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_staff_tenant_id_user_id",
                table: "scheduling_staff",
                columns: new[] { "tenant_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_time_off_tenant_id",
                table: "scheduling_time_off",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_scheduling_time_off_tenant_id_staff_id_starts_at",
                table: "scheduling_time_off",
                columns: new[] { "tenant_id", "staff_id", "starts_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scheduling_appointment_blocks");

            migrationBuilder.DropTable(
                name: "scheduling_appointment_lines");

            migrationBuilder.DropTable(
                name: "scheduling_appointment_reminders");

            migrationBuilder.DropTable(
                name: "scheduling_appointment_status_changes");

            migrationBuilder.DropTable(
                name: "scheduling_audit_log");

            migrationBuilder.DropTable(
                name: "scheduling_booking_settings");

            migrationBuilder.DropTable(
                name: "scheduling_calendar_connections");

            migrationBuilder.DropTable(
                name: "scheduling_calendar_event_links");

            migrationBuilder.DropTable(
                name: "scheduling_calendar_feeds");

            migrationBuilder.DropTable(
                name: "scheduling_date_overrides");

            migrationBuilder.DropTable(
                name: "scheduling_external_busy_times");

            migrationBuilder.DropTable(
                name: "scheduling_holidays");

            migrationBuilder.DropTable(
                name: "scheduling_reminder_settings");

            migrationBuilder.DropTable(
                name: "scheduling_resources");

            migrationBuilder.DropTable(
                name: "scheduling_staff");

            migrationBuilder.DropTable(
                name: "scheduling_time_off");

            migrationBuilder.DropTable(
                name: "scheduling_appointments");
        }
    }
}
