using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Crm.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Vehicles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crm_vehicles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    vin = table.Column<string>(type: "TEXT", maxLength: 17, nullable: true),
                    make = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    model = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: true),
                    plate = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    colour = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    odometer_unit = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    odometer = table.Column<long>(type: "INTEGER", nullable: true),
                    odometer_read_at = table.Column<string>(type: "TEXT", nullable: true),
                    archived_at = table.Column<string>(type: "TEXT", nullable: true),
                    search_key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_vehicles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_odometer_readings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    vehicle_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false),
                    read_at = table.Column<string>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    source_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    is_correction = table.Column<bool>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_odometer_readings", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_odometer_readings_vehicles_vehicle_id",
                        column: x => x.vehicle_id,
                        principalTable: "crm_vehicles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_crm_odometer_readings_tenant_id",
                table: "crm_odometer_readings",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_odometer_readings_tenant_id_vehicle_id_read_at_id",
                table: "crm_odometer_readings",
                columns: new[] { "tenant_id", "vehicle_id", "read_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_odometer_readings_vehicle_id",
                table: "crm_odometer_readings",
                column: "vehicle_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_vehicles_tenant_id",
                table: "crm_vehicles",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_vehicles_tenant_id_contact_id",
                table: "crm_vehicles",
                columns: new[] { "tenant_id", "contact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_vehicles_tenant_id_created_at_id",
                table: "crm_vehicles",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_vehicles_tenant_id_plate",
                table: "crm_vehicles",
                columns: new[] { "tenant_id", "plate" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_vehicles_tenant_id_vin",
                table: "crm_vehicles",
                columns: new[] { "tenant_id", "vin" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_odometer_readings");

            migrationBuilder.DropTable(
                name: "crm_vehicles");
        }
    }
}
