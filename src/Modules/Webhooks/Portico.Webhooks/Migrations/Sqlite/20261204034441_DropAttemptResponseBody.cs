using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Webhooks.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class DropAttemptResponseBody : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "response_body",
                table: "webhooks_attempts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "response_body",
                table: "webhooks_attempts",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);
        }
    }
}
