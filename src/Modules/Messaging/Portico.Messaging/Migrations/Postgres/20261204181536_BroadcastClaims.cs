using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Messaging.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class BroadcastClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "claim_token",
                schema: "messaging",
                table: "messages",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "claim_token",
                schema: "messaging",
                table: "messages");
        }
    }
}
