using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Crm.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class OneContactPerEmailOrPhone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_legacy_duplicate",
                table: "crm_contact_channels",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "crm_spent_started_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    form_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    signature = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    expires_at = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_spent_started_tokens", x => x.id);
                });

            // Databases from before this rule may hold contacts sharing an email or phone. The oldest contact holding a
            // value (the lowest id: ids are UUIDv7, ordered by creation) keeps it under the unique index; the twins on
            // newer contacts stay as they are, marked, outside the index, so nothing is lost and the duplicates list
            // still shows both contacts for a person to merge (merging hands the value to the survivor).
            migrationBuilder.Sql("""
                UPDATE crm_contact_channels SET is_legacy_duplicate = 1
                WHERE EXISTS (
                    SELECT 1 FROM crm_contact_channels AS older
                    WHERE older.tenant_id = crm_contact_channels.tenant_id AND older.kind = crm_contact_channels.kind AND older.value = crm_contact_channels.value
                      AND older.contact_id < crm_contact_channels.contact_id)
                """);

            migrationBuilder.CreateIndex(
                name: "ix_crm_contact_channels_tenant_id_kind_value1",
                table: "crm_contact_channels",
                columns: new[] { "tenant_id", "kind", "value" },
                unique: true,
                filter: "NOT is_legacy_duplicate");

            migrationBuilder.CreateIndex(
                name: "ix_crm_spent_started_tokens_signature",
                table: "crm_spent_started_tokens",
                column: "signature",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_spent_started_tokens_tenant_id",
                table: "crm_spent_started_tokens",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_spent_started_tokens_tenant_id_expires_at",
                table: "crm_spent_started_tokens",
                columns: new[] { "tenant_id", "expires_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_spent_started_tokens");

            migrationBuilder.DropIndex(
                name: "ix_crm_contact_channels_tenant_id_kind_value1",
                table: "crm_contact_channels");

            migrationBuilder.DropColumn(
                name: "is_legacy_duplicate",
                table: "crm_contact_channels");
        }
    }
}
