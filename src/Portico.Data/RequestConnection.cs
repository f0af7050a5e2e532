using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Portico.Data;

/// <summary>
/// Makes the application's connections: on PostgreSQL from one pooled data source with automatic preparation of
/// the statements a server runs again and again; on SQLite a pooled connection to the database file.
/// </summary>
public sealed class DatabaseConnections : IDisposable
{
    /// <summary>Statements kept prepared per physical connection when the connection string does not say.</summary>
    public const int DefaultMaxAutoPrepare = 128;

    private readonly DatabaseOptions _options;
    private readonly NpgsqlDataSource? _postgres;

    public DatabaseConnections(IOptions<DatabaseOptions> options)
    {
        _options = options.Value;
        if (_options.Provider == DatabaseProvider.Postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(_options.ConnectionString);
            if (!Names(_options.ConnectionString).Contains("maxautoprepare"))
            {
                // Prepared statements skip parsing and planning. Npgsql keeps them across pool returns (its reset
                // then clears settings and roles without DISCARD ALL), so the hot statements stay prepared.
                builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
            }

            _postgres = NpgsqlDataSource.Create(builder);
        }
    }

    public DbConnection Create() => _postgres?.CreateConnection() ?? (DbConnection)new SqliteConnection(_options.ConnectionString);

    public void Dispose() => _postgres?.Dispose();

    // The keys the connection string itself gives (Npgsql's builder answers for every keyword it knows).
    private static HashSet<string> Names(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// The one database connection of a request (or a unit of background work), shared by every module's DbContext in
/// the scope: opened at the first statement, kept open until the scope ends, so a request that touches three modules
/// rents one pooled connection and tells the server its tenant once (<see cref="TenantSessionInterceptor"/>).
/// A scope that lives long and waits between statements (a streaming response) calls
/// <see cref="ReleaseBetweenStatements"/> so it holds no connection while it waits.
/// </summary>
public sealed class RequestConnection(DatabaseConnections connections) : IAsyncDisposable, IDisposable
{
    private DbConnection? _connection;

    public DbConnection Connection => _connection ??= connections.Create();

    /// <summary>Whether the connection stays open between statements (the default) or goes back to the pool after each.</summary>
    public bool KeepOpen { get; private set; } = true;

    /// <summary>For long-lived scopes: the connection goes back to the pool after every statement.</summary>
    public void ReleaseBetweenStatements()
    {
        KeepOpen = false;
        if (_connection is { State: not ConnectionState.Closed })
        {
            _connection.Close();
        }
    }

    public void Dispose() => _connection?.Dispose();

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
