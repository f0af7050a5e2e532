using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Tenancy.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class MembershipsInvitationsSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "brand_color",
                table: "tenancy_tenants",
                type: "TEXT",
                maxLength: 7,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "data_retention_days",
                table: "tenancy_tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dpo_contact",
                table: "tenancy_tenants",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "logo_url",
                table: "tenancy_tenants",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "suspended_at",
                table: "tenancy_tenants",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "tenancy_invitations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    expires_at = table.Column<string>(type: "TEXT", nullable: false),
                    invited_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    accepted_at = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenancy_invitations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tenancy_memberships",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenancy_memberships", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_invitations_tenant_id_id",
                table: "tenancy_invitations",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_invitations_token_hash",
                table: "tenancy_invitations",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_memberships_tenant_id_user_id",
                table: "tenancy_memberships",
                columns: new[] { "tenant_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_memberships_user_id",
                table: "tenancy_memberships",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tenancy_invitations");

            migrationBuilder.DropTable(
                name: "tenancy_memberships");

            migrationBuilder.DropColumn(
                name: "brand_color",
                table: "tenancy_tenants");

            migrationBuilder.DropColumn(
                name: "data_retention_days",
                table: "tenancy_tenants");

            migrationBuilder.DropColumn(
                name: "dpo_contact",
                table: "tenancy_tenants");

            migrationBuilder.DropColumn(
                name: "logo_url",
                table: "tenancy_tenants");

            migrationBuilder.DropColumn(
                name: "suspended_at",
                table: "tenancy_tenants");
        }
    }
}
