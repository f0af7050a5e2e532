using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Portico.Kernel.Tenancy;

namespace Portico.Data;

/// <summary>
/// The second wall of tenant isolation on PostgreSQL: every connection the application opens
/// tells the server which tenant it acts for, and row-level security policies (see
/// <see cref="PostgresSecurity"/>) hide every other tenant's rows even if a query forgets its filter.
/// Npgsql resets session settings when a pooled connection is returned, so nothing leaks between requests.
/// </summary>
public sealed class TenantSessionInterceptor(RequestContext request) : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is NpgsqlConnection npgsql)
        {
            await using var command = CreateCommand(npgsql);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        UnicodeCase(connection);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is NpgsqlConnection npgsql)
        {
            using var command = CreateCommand(npgsql);
            command.ExecuteNonQuery();
        }

        UnicodeCase(connection);
    }

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

    private NpgsqlCommand CreateCommand(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(
            "SELECT set_config('portico.tenant_id', $1, false), set_config('portico.platform_scope', $2, false), set_config('portico.user_id', $3, false)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = request.TenantId?.ToString() ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = request.IsPlatformScope ? "on" : "off" });
        command.Parameters.Add(new NpgsqlParameter { Value = request.UserId?.ToString() ?? "" });
        return command;
    }
}
