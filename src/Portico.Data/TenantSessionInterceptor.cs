using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Portico.Kernel.Tenancy;

namespace Portico.Data;

/// <summary>
/// The second wall of tenant isolation on PostgreSQL: before a statement runs, the server is told which tenant the
/// connection acts for, and row-level security policies (see <see cref="PostgresSecurity"/>) hide every other tenant's
/// rows even if a query forgets its filter. Platform code takes on the platform role instead, whose own policy shows
/// every row. The three settings are sent when they differ from what this connection was last told (once per request
/// in the common case, since the modules share the request's connection, see <see cref="RequestConnection"/>), and
/// again after anything that may have undone them: a new physical connection, a failed statement, a rollback.
/// Npgsql's pool reset clears them when the connection goes back, so a pooled connection never carries an earlier
/// request's tenant or role.
/// </summary>
public sealed class TenantSessionInterceptor(RequestContext request, RequestConnection shared, DatabaseStatements statements, IOptions<DatabaseOptions> options)
    : DbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly record struct SessionSettings(Guid? TenantId, Guid? UserId, bool Platform);

    private SessionSettings? _sent;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        _sent = null;
        UnicodeCase(connection);
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionOpened(connection, eventData);
        return Task.CompletedTask;
    }

    // The request's connection stays open for the next module's statement; the scope closes it at its end.
    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        shared.KeepOpen && ReferenceEquals(connection, shared.Connection) ? InterceptionResult.Suppress() : result;

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(ConnectionClosing(connection, eventData, result));

    // EF Core reports a close it was told to suppress as well: only a connection really closed forgets its settings.
    public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection.State == System.Data.ConnectionState.Closed)
        {
            _sent = null;
        }
    }

    public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        ConnectionClosed(connection, eventData);
        return Task.CompletedTask;
    }

    InterceptionResult<DbDataReader> IDbCommandInterceptor.ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Prepare(command);
        return result;
    }

    async ValueTask<InterceptionResult<DbDataReader>> IDbCommandInterceptor.ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken)
    {
        await PrepareAsync(command, cancellationToken);
        return result;
    }

    InterceptionResult<int> IDbCommandInterceptor.NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Prepare(command);
        return result;
    }

    async ValueTask<InterceptionResult<int>> IDbCommandInterceptor.NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken)
    {
        await PrepareAsync(command, cancellationToken);
        return result;
    }

    InterceptionResult<object> IDbCommandInterceptor.ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Prepare(command);
        return result;
    }

    async ValueTask<InterceptionResult<object>> IDbCommandInterceptor.ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken)
    {
        await PrepareAsync(command, cancellationToken);
        return result;
    }

    // A failed statement aborts its transaction, and a rollback undoes the settings sent inside it.
    void IDbCommandInterceptor.CommandFailed(DbCommand command, CommandErrorEventData eventData) => _sent = null;

    Task IDbCommandInterceptor.CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken)
    {
        _sent = null;
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _sent = null;

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        _sent = null;
        return Task.CompletedTask;
    }

    private void Prepare(DbCommand command)
    {
        statements.Count++;
        if (command.Connection is NpgsqlConnection npgsql && Wanted() is var wanted && _sent != wanted)
        {
            using var settings = SettingsCommand(npgsql, wanted);
            settings.ExecuteNonQuery();
            statements.Count++;
            _sent = wanted;
        }
    }

    private async ValueTask PrepareAsync(DbCommand command, CancellationToken cancellationToken)
    {
        statements.Count++;
        if (command.Connection is { } connection)
        {
            await SendSettingsAsync(connection, cancellationToken);
        }
    }

    /// <summary>Brings the connection's settings up to date: before EF Core's statements, and for those written without it (<see cref="RawSql"/>).</summary>
    internal async Task SendSettingsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is NpgsqlConnection npgsql && Wanted() is var wanted && _sent != wanted)
        {
            await using var settings = SettingsCommand(npgsql, wanted);
            await settings.ExecuteNonQueryAsync(cancellationToken);
            statements.Count++;
            _sent = wanted;
        }
    }

    private SessionSettings Wanted() => new(request.TenantId, request.UserId, request.IsPlatformScope);

    // SQLite's own lower() knows ASCII only: «АННА» would not equal «анна». Modules that compare text
    // case-insensitively call unicode_lower() on SQLite (lower() on PostgreSQL, which follows the locale).
    // The built-in lower() is left alone: the message bus's own SQL relies on it.
    private static void UnicodeCase(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction("unicode_lower", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
        }
    }

    // set_config('role', …) is SET ROLE. The platform role is taken only when the login role is a member of it: an
    // application that connects as the table owner (a laptop set-up) is not bound by row-level security anyway, and
    // the migrator refuses to secure a database whose application role lacks the platform role.
    private NpgsqlCommand SettingsCommand(NpgsqlConnection connection, SessionSettings settings)
    {
        var command = new NpgsqlCommand(
            "SELECT set_config('portico.tenant_id', $1, false), set_config('portico.user_id', $2, false), "
            + $"set_config('role', CASE WHEN $3 AND {PostgresSecurity.HoldsRole("$4")} THEN $4 ELSE 'none' END, false)",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = settings.TenantId?.ToString() ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = settings.UserId?.ToString() ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = settings.Platform });
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.PlatformRole });
        return command;
    }
}

/// <summary>How many statements the current request (or unit of work) sent to the database, settings included.</summary>
public sealed class DatabaseStatements
{
    public int Count { get; set; }
}

/// <summary>
/// For the few statements written without EF Core (the event log, bulk inserts): EF Core's command interceptor sends the
/// tenant settings before its own statements only, so such code opens the connection through here first.
/// </summary>
public static class RawSql
{
    /// <summary>Opens the context's connection (the request's shared one) with the tenant settings of this moment.</summary>
    public static async Task<DbConnection> OpenWithTenantSettingsAsync(this Microsoft.EntityFrameworkCore.DbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var connection = context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await context.Database.OpenConnectionAsync(cancellationToken);
        }

        var session = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptions>(context)
            .FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.Interceptors?.OfType<TenantSessionInterceptor>().FirstOrDefault();
        if (session is not null)
        {
            await session.SendSettingsAsync(connection, cancellationToken);
        }

        return connection;
    }
}
