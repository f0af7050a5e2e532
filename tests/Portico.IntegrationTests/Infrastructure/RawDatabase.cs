using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>
/// The test's own look at the stored bytes, past the application: on PostgreSQL as the schema owner (whom the
/// row-level policies do not bind, so every tenant's rows show), on SQLite the file itself.
/// </summary>
public static class RawDatabase
{
    public static async Task<DbConnection> OpenAsync(PorticoFactory app)
    {
        DbConnection connection = app.ProviderName == "Postgres"
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresFactory.OwnerConnectionString)
            {
                Database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database,
                Pooling = false,
            }.ConnectionString)
            : new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A module's table as the provider names it: <c>webhooks.endpoints</c> or <c>webhooks_endpoints</c>.</summary>
    public static string Table(PorticoFactory app, string schema, string table) => app.ProviderName == "Postgres" ? $"{schema}.{table}" : $"{schema}_{table}";

    /// <summary>A tenant id as stored: a uuid on PostgreSQL, uppercase text on SQLite.</summary>
    public static object Id(PorticoFactory app, Guid id) => app.ProviderName == "Postgres" ? id : id.ToString().ToUpperInvariant();

    public static async Task<object?> ScalarAsync(PorticoFactory app, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(app);
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public static async Task<int> ExecuteAsync(PorticoFactory app, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(app);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Parameters are named <c>@p0</c>, <c>@p1</c>… in the SQL.</summary>
    public static DbCommand Command(DbConnection connection, string sql, params object[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"p{i}";
            parameter.Value = parameters[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Every table with a <c>tenant_id</c> column.</summary>
    public static async Task<List<string>> TenantTablesAsync(PorticoFactory app)
    {
        await using var connection = await OpenAsync(app);
        await using var command = Command(connection, app.ProviderName == "Postgres"
            ? "SELECT c.table_schema || '.' || c.table_name FROM information_schema.columns c JOIN information_schema.tables t "
              + "ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE' "
              + "WHERE c.column_name = 'tenant_id' AND c.table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
            : "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'tenant_id' ORDER BY 1");
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
