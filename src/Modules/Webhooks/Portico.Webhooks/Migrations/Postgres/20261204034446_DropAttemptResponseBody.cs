using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Webhooks.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class DropAttemptResponseBody : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "response_body",
                schema: "webhooks",
                table: "attempts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "response_body",
                schema: "webhooks",
                table: "attempts",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);
        }
    }
}
