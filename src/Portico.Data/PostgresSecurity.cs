using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Portico.Data;

/// <summary>
/// Run by the migrator as the schema owner after a module's migrations: grants the application role
/// what it needs (data, not DDL) and puts a row-level security policy on every tenant-owned table.
/// Derived from the model, so a new module's tables are covered without a line of SQL.
/// </summary>
internal static class PostgresSecurity
{
    public static async Task ApplyAsync(DbContext context, string schema, string? applicationRole, CancellationToken cancellationToken)
    {
        var sql = new List<string>();
        if (applicationRole is not null)
        {
            var role = Quote(applicationRole);
            sql.Add($"GRANT USAGE ON SCHEMA {Quote(schema)} TO {role}");
            sql.Add($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {Quote(schema)} TO {role}");
            sql.Add($"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {Quote(schema)} TO {role}");
        }

        foreach (var entity in context.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null)
            {
                continue;
            }

            var qualified = $"{Quote(entity.GetSchema() ?? schema)}.{Quote(table)}";
            var tenantColumn = TenantColumn(entity);
            if (tenantColumn is null)
            {
                continue;
            }

            // Rows are visible when they belong to the session's tenant, or when platform code
            // (admin tools, purge jobs) has explicitly asked for platform scope; link tables also show
            // a user the rows that name them.
            var userClause = entity.FindAnnotation(ModuleDbContext.UserColumnAnnotation)?.Value is string userProperty
                ? $" OR {Quote(entity.FindProperty(userProperty)!.GetColumnName(StoreObjectIdentifier.Table(table, entity.GetSchema()))!)} = nullif(current_setting('portico.user_id', true), '')::uuid"
                : "";
            var predicate = $"({Quote(tenantColumn)} = nullif(current_setting('portico.tenant_id', true), '')::uuid"
                + userClause
                + " OR current_setting('portico.platform_scope', true) = 'on')";
            sql.Add($"ALTER TABLE {qualified} ENABLE ROW LEVEL SECURITY");
            sql.Add($"DROP POLICY IF EXISTS tenant_isolation ON {qualified}");
            // Audit rows are written only by the data layer itself, sometimes for a tenant that is
            // being created, so only reading them is fenced.
            var check = entity.ClrType == typeof(Auditing.AuditEntry) ? "(true)" : predicate;
            sql.Add($"CREATE POLICY tenant_isolation ON {qualified} USING {predicate} WITH CHECK {check}");
        }

        foreach (var statement in sql)
        {
            await context.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }
    }

    private static string? TenantColumn(IEntityType entity)
    {
        var isTenantTable = entity.FindAnnotation(ModuleDbContext.TenantOwnedAnnotation) is not null
            || entity.FindAnnotation(ModuleDbContext.TenantLinkAnnotation) is not null
            || entity.ClrType == typeof(Auditing.AuditEntry);
        if (!isTenantTable)
        {
            return null;
        }

        var property = entity.FindProperty("TenantId");
        return property?.GetColumnName(StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()));
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string? UserOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Username;
}
