using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portico.Crm.Migrations.Postgres
{
    /// <inheritdoc />
    internal partial class Vehicles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "vehicles",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    vin = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: true),
                    make = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: true),
                    plate = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    colour = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    odometer_unit = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    odometer = table.Column<long>(type: "bigint", nullable: true),
                    odometer_read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    search_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "odometer_readings",
                schema: "crm",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    vehicle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: true),
                    is_correction = table.Column<bool>(type: "boolean", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_odometer_readings", x => x.id);
                    table.ForeignKey(
                        name: "fk_odometer_readings_vehicles_vehicle_id",
                        column: x => x.vehicle_id,
                        principalSchema: "crm",
                        principalTable: "vehicles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_odometer_readings_tenant_id",
                schema: "crm",
                table: "odometer_readings",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_odometer_readings_tenant_id_vehicle_id_read_at_id",
                schema: "crm",
                table: "odometer_readings",
                columns: new[] { "tenant_id", "vehicle_id", "read_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_odometer_readings_vehicle_id",
                schema: "crm",
                table: "odometer_readings",
                column: "vehicle_id");

            migrationBuilder.CreateIndex(
                name: "ix_vehicles_tenant_id",
                schema: "crm",
                table: "vehicles",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_vehicles_tenant_id_contact_id",
                schema: "crm",
                table: "vehicles",
                columns: new[] { "tenant_id", "contact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_vehicles_tenant_id_created_at_id",
                schema: "crm",
                table: "vehicles",
                columns: new[] { "tenant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_vehicles_tenant_id_plate",
                schema: "crm",
                table: "vehicles",
                columns: new[] { "tenant_id", "plate" });

            migrationBuilder.CreateIndex(
                name: "ix_vehicles_tenant_id_vin",
                schema: "crm",
                table: "vehicles",
                columns: new[] { "tenant_id", "vin" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "odometer_readings",
                schema: "crm");

            migrationBuilder.DropTable(
                name: "vehicles",
                schema: "crm");
        }
    }
}
