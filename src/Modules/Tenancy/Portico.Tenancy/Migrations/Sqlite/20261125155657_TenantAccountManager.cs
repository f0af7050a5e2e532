using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Tenancy.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class TenantAccountManager : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "manager_id",
                table: "tenancy_tenants",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_tenants_manager_id",
                table: "tenancy_tenants",
                column: "manager_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tenancy_tenants_manager_id",
                table: "tenancy_tenants");

            migrationBuilder.DropColumn(
                name: "manager_id",
                table: "tenancy_tenants");
        }
    }
}
