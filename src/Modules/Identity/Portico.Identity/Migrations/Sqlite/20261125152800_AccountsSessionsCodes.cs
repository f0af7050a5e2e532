using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Identity.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class AccountsSessionsCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "access_failed_count",
                table: "identity_users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "authenticator_key",
                table: "identity_users",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "avatar_url",
                table: "identity_users",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "email_two_factor_enabled",
                table: "identity_users",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "locale",
                table: "identity_users",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "lockout_end",
                table: "identity_users",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone_number",
                table: "identity_users",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "phone_number_confirmed",
                table: "identity_users",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "recovery_code_hashes",
                table: "identity_users",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "identity_users",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "two_factor_enabled",
                table: "identity_users",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "identity_one_time_codes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    code_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    expires_at = table.Column<string>(type: "TEXT", nullable: false),
                    failed_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    consumed_at = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_one_time_codes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_refresh_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    session_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    expires_at = table.Column<string>(type: "TEXT", nullable: false),
                    used_at = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_refresh_tokens", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    method = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    user_agent = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ip_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    last_used_at = table.Column<string>(type: "TEXT", nullable: false),
                    expires_at = table.Column<string>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<string>(type: "TEXT", nullable: true),
                    revoked_reason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_sessions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_identity_one_time_codes_code_hash",
                table: "identity_one_time_codes",
                column: "code_hash");

            migrationBuilder.CreateIndex(
                name: "ix_identity_one_time_codes_user_id_purpose_id",
                table: "identity_one_time_codes",
                columns: new[] { "user_id", "purpose", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_identity_refresh_tokens_session_id",
                table: "identity_refresh_tokens",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_refresh_tokens_token_hash",
                table: "identity_refresh_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_sessions_user_id_id",
                table: "identity_sessions",
                columns: new[] { "user_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_one_time_codes");

            migrationBuilder.DropTable(
                name: "identity_refresh_tokens");

            migrationBuilder.DropTable(
                name: "identity_sessions");

            migrationBuilder.DropColumn(
                name: "access_failed_count",
                table: "identity_users");

            migrationBuilder.DropColumn(
                name: "authenticator_key",
                table: "identity_users");

            migrationBuilder.DropColumn(
                name: "avatar_url",
                table: "identity_users");

            migrationBuilder.DropColumn(
                name: "email_two_factor_enabled",
                table: "identity_users");

            migrationBuilder.DropColumn(
                name: "locale",
                table: "identity_users");

            migrationBuilder.DropColumn(
                name: "lockout_end",
                table: "identity_users");

            migrationBuilder.DropColumn(
                name: "phone_number",
                table: "identity_users");

            migrationBuilder.DropColumn(
                name: "phone_number_confirmed",
                table: "identity_users");

            migrationBuilder.DropColumn(
                name: "recovery_code_hashes",
                table: "identity_users");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "identity_users");

            migrationBuilder.DropColumn(
                name: "two_factor_enabled",
                table: "identity_users");
        }
    }
}
