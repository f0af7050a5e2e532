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
    public static async Task ApplyAsync(DbContext context, string schema, string? applicationRole, string? platformRole, CancellationToken cancellationToken)
    {
        var sql = new List<string>();
        foreach (var role in new[] { applicationRole, platformRole }.OfType<string>().Select(Quote))
        {
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

            // Rows are visible when they belong to the session's tenant; link tables also show a user the rows that
            // name them. The predicate is a plain equality on purpose: PostgreSQL folds it into the query's own tenant
            // filter and keeps its index plans, where an "OR platform scope" branch made it read the whole tenant.
            var userClause = entity.FindAnnotation(ModuleDbContext.UserColumnAnnotation)?.Value is string userProperty
                ? $" OR {Quote(entity.FindProperty(userProperty)!.GetColumnName(StoreObjectIdentifier.Table(table, entity.GetSchema()))!)} = nullif(current_setting('portico.user_id', true), '')::uuid"
                : "";
            var predicate = $"({Quote(tenantColumn)} = nullif(current_setting('portico.tenant_id', true), '')::uuid{userClause})";
            sql.Add($"ALTER TABLE {qualified} ENABLE ROW LEVEL SECURITY");
            sql.Add($"DROP POLICY IF EXISTS tenant_isolation ON {qualified}");
            // Audit rows are written only by the data layer itself, sometimes for a tenant that is
            // being created, so only reading them is fenced.
            var check = entity.ClrType == typeof(Auditing.AuditEntry) ? "(true)" : predicate;
            sql.Add($"CREATE POLICY tenant_isolation ON {qualified} USING {predicate} WITH CHECK {check}");
            // Platform code (admin tools, purge jobs, the tenant resolver) sees every tenant as the platform role.
            sql.Add($"DROP POLICY IF EXISTS platform_access ON {qualified}");
            if (platformRole is not null)
            {
                sql.Add($"CREATE POLICY platform_access ON {qualified} TO {Quote(platformRole)} USING (true) WITH CHECK (true)");
            }
        }

        foreach (var statement in sql)
        {
            await context.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }
    }

    /// <summary>
    /// Fails, naming the statements to run, unless the application role may <c>SET ROLE</c> to the platform role
    /// without holding its rights by inheritance: an inheriting member would pass the platform policy on every query,
    /// and a missing role would leave platform code seeing no tenant's rows.
    /// </summary>
    public static async Task RequirePlatformRoleAsync(string connectionString, string applicationRole, string platformRole, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT pg_has_role(a.oid, p.oid, 'MEMBER'), pg_has_role(a.oid, p.oid, 'USAGE') FROM pg_roles p JOIN pg_roles a ON a.rolname = $2 WHERE p.rolname = $1",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = platformRole });
        command.Parameters.Add(new NpgsqlParameter { Value = applicationRole });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (member, inherits) = await reader.ReadAsync(cancellationToken) ? (reader.GetBoolean(0), reader.GetBoolean(1)) : (false, false);
        if (!member || inherits)
        {
            var problem = inherits
                ? $"The application role {applicationRole} inherits the platform role {platformRole} and so would see every tenant's rows."
                : $"The application role {applicationRole} needs the platform role {platformRole} (Portico:Database:PlatformRole).";
            throw new InvalidOperationException(
                problem + $" As a superuser run: ALTER ROLE {Quote(applicationRole)} NOINHERIT; CREATE ROLE {Quote(platformRole)} NOLOGIN; "
                + $"GRANT {Quote(platformRole)} TO {Quote(applicationRole)}");
        }
    }

    /// <summary>SQL that is true when the session's login role may <c>SET ROLE</c> to the role named by <paramref name="roleParameter"/>.</summary>
    public static string HoldsRole(string roleParameter) =>
        $"EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = {roleParameter} AND pg_has_role(session_user, r.oid, 'MEMBER'))";

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

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string? UserOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Username;
}
