using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Crm.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class InitialCrm : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crm_activities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    record_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    due_at = table.Column<string>(type: "TEXT", nullable: true),
                    done = table.Column<bool>(type: "INTEGER", nullable: false),
                    done_at = table.Column<string>(type: "TEXT", nullable: true),
                    assignee_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_activities", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_audit_log",
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
                    table.PrimaryKey("pk_crm_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_contacts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    first_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    last_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    company_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    job_title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    tags = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    marketing_consent = table.Column<bool>(type: "INTEGER", nullable: false),
                    marketing_consent_at = table.Column<string>(type: "TEXT", nullable: true),
                    data_processing_consent = table.Column<bool>(type: "INTEGER", nullable: false),
                    data_processing_consent_at = table.Column<string>(type: "TEXT", nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    custom_fields = table.Column<string>(type: "TEXT", nullable: false),
                    search_text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_contacts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_custom_fields",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    required = table.Column<bool>(type: "INTEGER", nullable: false),
                    default_value = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    options = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    target = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    archived_at = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_custom_fields", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_deals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    amount_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    pipeline_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    stage_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    stage_entered_at = table.Column<string>(type: "TEXT", nullable: false),
                    board_rank = table.Column<double>(type: "REAL", nullable: false),
                    expected_close_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    closed_at = table.Column<string>(type: "TEXT", nullable: true),
                    close_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    assignee_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    lead_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    custom_fields = table.Column<string>(type: "TEXT", nullable: false),
                    search_text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_deals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_forms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    fields = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    consent_text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    thank_you_message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    submit_label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    allowed_origins = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    pipeline_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    stage_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    assignee_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    min_fill_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    locale = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    submission_count = table.Column<int>(type: "INTEGER", nullable: false),
                    last_submission_at = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_forms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_imports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    file_key = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    file_size = table.Column<long>(type: "INTEGER", nullable: false),
                    headers = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    mapping = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    total_rows = table.Column<int>(type: "INTEGER", nullable: false),
                    processed_rows = table.Column<int>(type: "INTEGER", nullable: false),
                    created = table.Column<int>(type: "INTEGER", nullable: false),
                    updated = table.Column<int>(type: "INTEGER", nullable: false),
                    skipped = table.Column<int>(type: "INTEGER", nullable: false),
                    failed = table.Column<int>(type: "INTEGER", nullable: false),
                    errors = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    started_at = table.Column<string>(type: "TEXT", nullable: true),
                    finished_at = table.Column<string>(type: "TEXT", nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_leads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    contact_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    company_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    form_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    pipeline_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    stage_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    stage_entered_at = table.Column<string>(type: "TEXT", nullable: false),
                    board_rank = table.Column<double>(type: "REAL", nullable: false),
                    priority = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    value_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    assignee_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    form_data = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    converted_at = table.Column<string>(type: "TEXT", nullable: true),
                    deal_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    import_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    custom_fields = table.Column<string>(type: "TEXT", nullable: false),
                    search_text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_leads", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_object_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    object_type_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    custom_fields = table.Column<string>(type: "TEXT", nullable: false),
                    search_text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_object_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_object_types",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    plural_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_object_types", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_pipelines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    is_default = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_pipelines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    restricted_visibility = table.Column<bool>(type: "INTEGER", nullable: false),
                    pipelines_seeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_stage_moves",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    record_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    pipeline_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from_stage_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    to_stage_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_stage_moves", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_contact_channels",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_contact_channels", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_contact_channels_crm_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "crm_contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_stages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    pipeline_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    color = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_stages", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_stages_crm_pipelines_pipeline_id",
                        column: x => x.pipeline_id,
                        principalTable: "crm_pipelines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_crm_activities_tenant_id",
                table: "crm_activities",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_activities_tenant_id_assignee_id_done_due_at",
                table: "crm_activities",
                columns: new[] { "tenant_id", "assignee_id", "done", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_activities_tenant_id_created_at_id",
                table: "crm_activities",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_activities_tenant_id_record_id_id",
                table: "crm_activities",
                columns: new[] { "tenant_id", "record_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_audit_log_entity_type_entity_id_id",
                table: "crm_audit_log",
                columns: new[] { "entity_type", "entity_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_audit_log_tenant_id_id",
                table: "crm_audit_log",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_contact_channels_contact_id_kind_value",
                table: "crm_contact_channels",
                columns: new[] { "contact_id", "kind", "value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_contact_channels_tenant_id",
                table: "crm_contact_channels",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_contact_channels_tenant_id_kind_value",
                table: "crm_contact_channels",
                columns: new[] { "tenant_id", "kind", "value" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_contacts_tenant_id",
                table: "crm_contacts",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_contacts_tenant_id_created_at_id",
                table: "crm_contacts",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_contacts_tenant_id_name_id",
                table: "crm_contacts",
                columns: new[] { "tenant_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_contacts_tenant_id_owner_id",
                table: "crm_contacts",
                columns: new[] { "tenant_id", "owner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_contacts_tenant_id_updated_at_id",
                table: "crm_contacts",
                columns: new[] { "tenant_id", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_custom_fields_tenant_id",
                table: "crm_custom_fields",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_custom_fields_tenant_id_record_type_key",
                table: "crm_custom_fields",
                columns: new[] { "tenant_id", "record_type", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_tenant_id",
                table: "crm_deals",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_tenant_id_amount_minor_id",
                table: "crm_deals",
                columns: new[] { "tenant_id", "amount_minor", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_tenant_id_assignee_id",
                table: "crm_deals",
                columns: new[] { "tenant_id", "assignee_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_tenant_id_contact_id",
                table: "crm_deals",
                columns: new[] { "tenant_id", "contact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_tenant_id_created_at_id",
                table: "crm_deals",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_tenant_id_stage_id_board_rank_id",
                table: "crm_deals",
                columns: new[] { "tenant_id", "stage_id", "board_rank", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_tenant_id_title_id",
                table: "crm_deals",
                columns: new[] { "tenant_id", "title", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_tenant_id_updated_at_id",
                table: "crm_deals",
                columns: new[] { "tenant_id", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_forms_key",
                table: "crm_forms",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_forms_tenant_id",
                table: "crm_forms",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_imports_tenant_id",
                table: "crm_imports",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_imports_tenant_id_created_at_id",
                table: "crm_imports",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_leads_tenant_id",
                table: "crm_leads",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_leads_tenant_id_assignee_id",
                table: "crm_leads",
                columns: new[] { "tenant_id", "assignee_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_leads_tenant_id_contact_id",
                table: "crm_leads",
                columns: new[] { "tenant_id", "contact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_leads_tenant_id_created_at_id",
                table: "crm_leads",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_leads_tenant_id_import_key",
                table: "crm_leads",
                columns: new[] { "tenant_id", "import_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_leads_tenant_id_stage_id_board_rank_id",
                table: "crm_leads",
                columns: new[] { "tenant_id", "stage_id", "board_rank", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_leads_tenant_id_title_id",
                table: "crm_leads",
                columns: new[] { "tenant_id", "title", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_leads_tenant_id_updated_at_id",
                table: "crm_leads",
                columns: new[] { "tenant_id", "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_leads_tenant_id_value_minor_id",
                table: "crm_leads",
                columns: new[] { "tenant_id", "value_minor", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_object_records_tenant_id",
                table: "crm_object_records",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_object_records_tenant_id_object_type_id_created_at_id",
                table: "crm_object_records",
                columns: new[] { "tenant_id", "object_type_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_object_records_tenant_id_object_type_id_name_id",
                table: "crm_object_records",
                columns: new[] { "tenant_id", "object_type_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_object_types_tenant_id",
                table: "crm_object_types",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_object_types_tenant_id_key",
                table: "crm_object_types",
                columns: new[] { "tenant_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_pipelines_tenant_id",
                table: "crm_pipelines",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_pipelines_tenant_id_record_type_position",
                table: "crm_pipelines",
                columns: new[] { "tenant_id", "record_type", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_settings_tenant_id",
                table: "crm_settings",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_stage_moves_tenant_id",
                table: "crm_stage_moves",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_stage_moves_tenant_id_record_id_id",
                table: "crm_stage_moves",
                columns: new[] { "tenant_id", "record_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_stages_pipeline_id",
                table: "crm_stages",
                column: "pipeline_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_stages_tenant_id",
                table: "crm_stages",
                column: "tenant_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_activities");

            migrationBuilder.DropTable(
                name: "crm_audit_log");

            migrationBuilder.DropTable(
                name: "crm_contact_channels");

            migrationBuilder.DropTable(
                name: "crm_custom_fields");

            migrationBuilder.DropTable(
                name: "crm_deals");

            migrationBuilder.DropTable(
                name: "crm_forms");

            migrationBuilder.DropTable(
                name: "crm_imports");

            migrationBuilder.DropTable(
                name: "crm_leads");

            migrationBuilder.DropTable(
                name: "crm_object_records");

            migrationBuilder.DropTable(
                name: "crm_object_types");

            migrationBuilder.DropTable(
                name: "crm_settings");

            migrationBuilder.DropTable(
                name: "crm_stage_moves");

            migrationBuilder.DropTable(
                name: "crm_stages");

            migrationBuilder.DropTable(
                name: "crm_contacts");

            migrationBuilder.DropTable(
                name: "crm_pipelines");
        }
    }
}
