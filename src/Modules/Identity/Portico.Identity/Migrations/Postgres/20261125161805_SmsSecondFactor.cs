using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Identity.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class SmsSecondFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "sms_two_factor_enabled",
                schema: "identity",
                table: "users",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sms_two_factor_enabled",
                schema: "identity",
                table: "users");
        }
    }
}
