namespace Portico.Data;

/// <summary>The two supported database engines.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded default: one file under ./data, no server needed.</summary>
    Sqlite,

    /// <summary>Production: schemas per module, row-level security, a non-owner application role.</summary>
    Postgres,
}

/// <summary>Settings under <c>Portico:Database</c>, plus the <c>Portico</c> and <c>PorticoMigrations</c> connection strings.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Portico:Database";
    public const string DefaultSqliteConnectionString = "Data Source=./data/portico.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection used by the running application (on PostgreSQL: a role that owns no table).</summary>
    public string ConnectionString { get; set; } = DefaultSqliteConnectionString;

    /// <summary>Connection used to apply migrations (on PostgreSQL: the schema owner). Defaults to <see cref="ConnectionString"/>.</summary>
    public string? MigrationsConnectionString { get; set; }

    /// <summary>Apply pending migrations when the server starts (the default for a laptop; production runs <c>migrate</c>).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// PostgreSQL role (NOLOGIN, granted to the application role) that platform code takes on with <c>SET ROLE</c> to see
    /// every tenant's rows: its own row-level security policy lets it through, so the tenants' policy needs no
    /// "or platform scope" branch that would cost every tenant query its index plan.
    /// </summary>
    public string PlatformRole { get; set; } = "portico_platform";

    public string EffectiveMigrationsConnectionString => MigrationsConnectionString ?? ConnectionString;
}
