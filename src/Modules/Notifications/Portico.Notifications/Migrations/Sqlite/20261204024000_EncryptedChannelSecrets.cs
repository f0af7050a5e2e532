using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Notifications.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class EncryptedChannelSecrets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
