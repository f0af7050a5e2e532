using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Portico.Kernel.Tenancy;

namespace Portico.Data;

/// <summary>
/// The second wall of tenant isolation on PostgreSQL: every connection the application opens
/// tells the server which tenant it acts for, and row-level security policies (see
/// <see cref="PostgresSecurity"/>) hide every other tenant's rows even if a query forgets its filter.
/// Platform code takes on the platform role instead, whose own policy shows every row. All three settings
/// are written on every open, so a pooled connection never carries an earlier request's tenant or role.
/// </summary>
public sealed class TenantSessionInterceptor(RequestContext request, IOptions<DatabaseOptions> options) : DbConnectionInterceptor
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

    // set_config('role', …) is SET ROLE. The platform role is taken only when the login role is a member of it: an
    // application that connects as the table owner (a laptop set-up) is not bound by row-level security anyway, and
    // the migrator refuses to secure a database whose application role lacks the platform role.
    private NpgsqlCommand CreateCommand(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(
            "SELECT set_config('portico.tenant_id', $1, false), set_config('portico.user_id', $2, false), "
            + $"set_config('role', CASE WHEN $3 AND {PostgresSecurity.HoldsRole("$4")} THEN $4 ELSE 'none' END, false)",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = request.TenantId?.ToString() ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = request.UserId?.ToString() ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = request.IsPlatformScope });
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.PlatformRole });
        return command;
    }
}
