using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Tenancy.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class TenantAccountManager : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "manager_id",
                schema: "tenancy",
                table: "tenants",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenants_manager_id",
                schema: "tenancy",
                table: "tenants",
                column: "manager_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tenants_manager_id",
                schema: "tenancy",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "manager_id",
                schema: "tenancy",
                table: "tenants");
        }
    }
}
