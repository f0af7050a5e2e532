using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Webhooks.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class EncryptedSecrets : Migration
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
