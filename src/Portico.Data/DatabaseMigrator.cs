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

        // On PostgreSQL, the roles the policies and grants are for: none when the application connects as the owner.
        var roles = database.Provider == DatabaseProvider.Postgres ? await SecuredRolesAsync(database, cancellationToken) : null;
        foreach (var module in modules)
        {
            await using var context = ModuleDbOptions.CreateContext(module.ContextType, database.Provider, connection);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await context.Database.MigrateAsync(cancellationToken);
            if (pending.Count > 0)
            {
                logger.LogInformation("Module {Module}: applied {Count} migration(s): {Migrations}", module.Schema, pending.Count, string.Join(", ", pending));
            }

            if (database.Provider == DatabaseProvider.Postgres)
            {
                await PostgresSecurity.ApplyAsync(context, module.Schema, roles?.Application, roles?.Platform, cancellationToken);
            }
        }

        if (database.Provider == DatabaseProvider.Postgres)
        {
            await PrepareMessageStoreSchemaAsync(database, roles, cancellationToken);
        }
    }

    private async Task<(string Application, string Platform)?> SecuredRolesAsync(DatabaseOptions database, CancellationToken cancellationToken)
    {
        var application = PostgresSecurity.UserOf(database.ConnectionString)!;
        var owner = PostgresSecurity.UserOf(database.EffectiveMigrationsConnectionString);
        if (application == owner)
        {
            // Table owners bypass row-level security: isolation then rests on the query filters alone.
            logger.LogWarning(
                "The application connects as {Role}, the owner of the tables, so row-level security does not apply. "
                + "Set ConnectionStrings:PorticoMigrations to the owner and ConnectionStrings:Portico to a role that owns nothing.", owner);
            return null;
        }

        await PostgresSecurity.RequirePlatformRoleAsync(database.EffectiveMigrationsConnectionString, application, database.PlatformRole, cancellationToken);
        return (application, database.PlatformRole);
    }

    /// <summary>
    /// The message bus keeps its envelopes (outbox, inbox, schedules, dead letters) in its own schema and
    /// builds its tables there at start-up. The application role may create tables in that schema only:
    /// they hold messages, never tenant records, and everything else stays owned by the owner role.
    /// </summary>
    private static async Task PrepareMessageStoreSchemaAsync(DatabaseOptions database, (string Application, string Platform)? roles, CancellationToken cancellationToken)
    {
        var applicationRole = PostgresSecurity.UserOf(database.ConnectionString);
        await using var connection = new Npgsql.NpgsqlConnection(database.EffectiveMigrationsConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE SCHEMA IF NOT EXISTS {MessageStoreSchema}; GRANT USAGE, CREATE ON SCHEMA {MessageStoreSchema} TO {PostgresSecurity.Quote(applicationRole!)}";
        if (roles is { } secured)
        {
            command.CommandText += $"; GRANT USAGE ON SCHEMA {MessageStoreSchema} TO {PostgresSecurity.Quote(secured.Platform)}";
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Run by the application role when the server starts, before the message bus builds its tables: the bus's
    /// tables belong to the application role, and platform code (which works as the platform role) also writes
    /// envelopes into them when it raises events, so the platform role gets the same data rights on them, now
    /// and for tables the bus adds later. Nothing to do when the application is not a member of the platform role.
    /// </summary>
    public async Task ShareMessageStoreWithPlatformRoleAsync(CancellationToken cancellationToken)
    {
        var database = options.Value;
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var check = new Npgsql.NpgsqlCommand(
            $"SELECT {PostgresSecurity.HoldsRole("$1")} AND EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $2)", connection))
        {
            check.Parameters.Add(new Npgsql.NpgsqlParameter { Value = database.PlatformRole });
            check.Parameters.Add(new Npgsql.NpgsqlParameter { Value = MessageStoreSchema });
            if (await check.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return;
            }
        }

        // Instances starting together would otherwise update the same catalog rows at once ("tuple concurrently updated").
        var role = PostgresSecurity.Quote(database.PlatformRole);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var grant = connection.CreateCommand();
        grant.Transaction = transaction;
        grant.CommandText =
            "SELECT pg_advisory_xact_lock(hashtext('portico.message-store-grants')); "
            + $"ALTER DEFAULT PRIVILEGES IN SCHEMA {MessageStoreSchema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}; "
            + $"ALTER DEFAULT PRIVILEGES IN SCHEMA {MessageStoreSchema} GRANT USAGE, SELECT ON SEQUENCES TO {role}; "
            + $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {MessageStoreSchema} TO {role}; "
            + $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {MessageStoreSchema} TO {role}";
        await grant.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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
