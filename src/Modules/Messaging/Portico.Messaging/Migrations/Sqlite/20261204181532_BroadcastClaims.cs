using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Messaging.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class BroadcastClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "claim_token",
                table: "messaging_messages",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "claim_token",
                table: "messaging_messages");
        }
    }
}
