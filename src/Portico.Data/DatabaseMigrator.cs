using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portico.Kernel.Tenancy;

namespace Portico.Data;

/// <summary>
/// Applies every module's migrations with the migrations connection (the schema owner on
/// PostgreSQL), then grants the application role its data rights and (re)creates row-level
/// security policies. EF Core takes a database lock, so several instances may start at once.
/// </summary>
public sealed class DatabaseMigrator(IOptions<DatabaseOptions> options, IEnumerable<IModuleDatabase> modules, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var database = options.Value;
        var connection = database.EffectiveMigrationsConnectionString;
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            PrepareSqliteFile(connection);
        }

        foreach (var module in modules)
        {
            await using var context = ModuleDbOptions.CreateContext(module.ContextType, database.Provider, connection);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await context.Database.MigrateAsync(cancellationToken);
            if (pending.Count > 0)
            {
                logger.LogInformation("Module {Module}: applied {Count} migration(s): {Migrations}", module.Schema, pending.Count, pending);
            }

            if (database.Provider == DatabaseProvider.Postgres)
            {
                var applicationRole = PostgresSecurity.UserOf(database.ConnectionString);
                var owner = PostgresSecurity.UserOf(connection);
                if (applicationRole == owner)
                {
                    // Table owners bypass row-level security: isolation then rests on the query filters alone.
                    logger.LogWarning(
                        "The application connects as {Role}, the owner of the tables, so row-level security does not apply. "
                        + "Set ConnectionStrings:PorticoMigrations to the owner and ConnectionStrings:Portico to a role that owns nothing.", owner);
                }

                await PostgresSecurity.ApplyAsync(context, module.Schema, applicationRole == owner ? null : applicationRole, cancellationToken);
            }
        }

        if (database.Provider == DatabaseProvider.Postgres)
        {
            await PrepareMessageStoreSchemaAsync(database, cancellationToken);
        }
    }

    /// <summary>
    /// The message bus keeps its envelopes (outbox, inbox, schedules, dead letters) in its own schema and
    /// builds its tables there at start-up. The application role may create tables in that schema only:
    /// they hold messages, never tenant records, and everything else stays owned by the owner role.
    /// </summary>
    private static async Task PrepareMessageStoreSchemaAsync(DatabaseOptions database, CancellationToken cancellationToken)
    {
        var applicationRole = PostgresSecurity.UserOf(database.ConnectionString);
        await using var connection = new Npgsql.NpgsqlConnection(database.EffectiveMigrationsConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE SCHEMA IF NOT EXISTS {MessageStoreSchema}; GRANT USAGE, CREATE ON SCHEMA {MessageStoreSchema} TO \"{applicationRole!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>PostgreSQL schema of the message bus's tables.</summary>
    public const string MessageStoreSchema = "wolverine";

    private static void PrepareSqliteFile(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            // WAL lets readers work while a writer commits: the right mode for a web server.
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            command.ExecuteNonQuery();
        }
    }
}
