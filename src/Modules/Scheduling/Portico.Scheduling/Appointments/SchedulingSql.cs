using Microsoft.EntityFrameworkCore.Migrations;

namespace Portico.Scheduling.Appointments;

/// <summary>
/// Hand-written DDL the model cannot express, called from the module's migrations (kept here so that regenerating the
/// migrations keeps it). On PostgreSQL "no double booking, ever" is two exclusion constraints over the active blocks:
/// one staff member never holds two overlapping ranges, one unit of a resource never holds two. SQLite has no such
/// constraint; there the booking transaction takes the write lock first and checks (see <see cref="BlockWriter"/>).
/// </summary>
internal static class SchedulingSql
{
    public const string StaffConstraint = "appointment_blocks_staff_no_overlap";
    public const string ResourceConstraint = "appointment_blocks_resource_no_overlap";

    /// <summary>For the PostgreSQL migration's Up, after the tables exist.</summary>
    public static void PostgresUp(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS btree_gist;");
        migrationBuilder.Sql($"""
            ALTER TABLE scheduling.appointment_blocks ADD CONSTRAINT {StaffConstraint}
                EXCLUDE USING gist (tenant_id WITH =, staff_id WITH =, tstzrange(blocked_from, blocked_until, '[)') WITH &&)
                WHERE (active);
            """);
        migrationBuilder.Sql($"""
            ALTER TABLE scheduling.appointment_blocks ADD CONSTRAINT {ResourceConstraint}
                EXCLUDE USING gist (tenant_id WITH =, resource_id WITH =, resource_unit WITH =, tstzrange(blocked_from, blocked_until, '[)') WITH &&)
                WHERE (active AND resource_id IS NOT NULL);
            """);
    }

    public static void PostgresDown(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql($"ALTER TABLE scheduling.appointment_blocks DROP CONSTRAINT IF EXISTS {StaffConstraint};");
        migrationBuilder.Sql($"ALTER TABLE scheduling.appointment_blocks DROP CONSTRAINT IF EXISTS {ResourceConstraint};");
    }
}
