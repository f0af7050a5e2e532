using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Crm.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class OneContactPerEmailOrPhone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_legacy_duplicate",
                schema: "crm",
                table: "contact_channels",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "spent_started_tokens",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    form_id = table.Column<Guid>(type: "uuid", nullable: false),
                    signature = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_spent_started_tokens", x => x.id);
                });

            // Databases from before this rule may hold contacts sharing an email or phone. The oldest contact holding a
            // value (the lowest id: ids are UUIDv7, ordered by creation) keeps it under the unique index; the twins on
            // newer contacts stay as they are, marked, outside the index, so nothing is lost and the duplicates list
            // still shows both contacts for a person to merge (merging hands the value to the survivor).
            migrationBuilder.Sql("""
                UPDATE crm.contact_channels SET is_legacy_duplicate = TRUE
                WHERE EXISTS (
                    SELECT 1 FROM crm.contact_channels AS older
                    WHERE older.tenant_id = crm.contact_channels.tenant_id AND older.kind = crm.contact_channels.kind AND older.value = crm.contact_channels.value
                      AND older.contact_id < crm.contact_channels.contact_id)
                """);

            migrationBuilder.CreateIndex(
                name: "ix_contact_channels_tenant_id_kind_value1",
                schema: "crm",
                table: "contact_channels",
                columns: new[] { "tenant_id", "kind", "value" },
                unique: true,
                filter: "NOT is_legacy_duplicate");

            migrationBuilder.CreateIndex(
                name: "ix_spent_started_tokens_signature",
                schema: "crm",
                table: "spent_started_tokens",
                column: "signature",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_spent_started_tokens_tenant_id",
                schema: "crm",
                table: "spent_started_tokens",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_spent_started_tokens_tenant_id_expires_at",
                schema: "crm",
                table: "spent_started_tokens",
                columns: new[] { "tenant_id", "expires_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "spent_started_tokens",
                schema: "crm");

            migrationBuilder.DropIndex(
                name: "ix_contact_channels_tenant_id_kind_value1",
                schema: "crm",
                table: "contact_channels");

            migrationBuilder.DropColumn(
                name: "is_legacy_duplicate",
                schema: "crm",
                table: "contact_channels");
        }
    }
}
