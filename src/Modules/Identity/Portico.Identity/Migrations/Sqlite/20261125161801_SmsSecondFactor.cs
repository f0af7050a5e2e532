using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Identity.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class SmsSecondFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "sms_two_factor_enabled",
                table: "identity_users",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sms_two_factor_enabled",
                table: "identity_users");
        }
    }
}
