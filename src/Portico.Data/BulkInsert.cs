using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Portico.Data.Auditing;
using Portico.Kernel.Domain;
using Portico.Kernel.Errors;

namespace Portico.Data;

/// <summary>
/// The bulk path for new rows (imports, demo data): no change tracking, one statement per table per call on
/// PostgreSQL and one prepared statement per table on SQLite, in the context's current transaction (or one of its
/// own; on PostgreSQL a call without audit rows is one statement, its own transaction). The rows get what <c>SaveChanges</c> gives an added entity, from the same rules: the tenant stamped and
/// checked against the current one, creation and update times, version 1, and for an <see cref="IAudited"/> record
/// its <c>created</c> row in the module's audit log, with the same change set <c>SaveChanges</c> would write.
/// </summary>
/// <remarks>
/// PostgreSQL: <c>INSERT … SELECT … FROM unnest($1, $2, …)</c>, one array parameter per column. Binary
/// <c>COPY FROM</c> would be quicker, but PostgreSQL refuses it on a table with row-level security ("COPY FROM not
/// supported with row-level security") for a role the policies bind, which the application role is; an INSERT is
/// checked by the policies' <c>WITH CHECK</c> like any other write. SQLite: one prepared <c>INSERT</c> executed per
/// row, which inside one transaction is as fast as SQLite writes. Triggers (SQLite's full-text tables) and
/// generated columns (PostgreSQL's <c>search_vector</c>) follow as for any insert. Entities with shadow
/// properties are not supported (their values live only in a change tracker).
/// </remarks>
public static class BulkInsert
{
    private static readonly ConcurrentDictionary<(IEntityType, bool, bool), Table> Tables = new();

    /// <summary>Inserts <paramref name="rows"/> (new entities of one type, not tracked) and their audit rows.</summary>
    public static Task InsertAsync<T>(this ModuleDbContext context, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class =>
        InsertAsync(context, rows, ignoreDuplicates: false, cancellationToken);

    /// <summary>
    /// Inserts the rows that do not collide with an existing row on a unique index and skips the others
    /// (<c>ON CONFLICT DO NOTHING</c>, SQLite's <c>INSERT OR IGNORE</c>): for inboxes, where a repeated delivery is
    /// expected and must change nothing. Not for audited records, whose audit rows would claim inserts that did not happen.
    /// </summary>
    public static Task InsertIgnoringDuplicatesAsync<T>(this ModuleDbContext context, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class =>
        typeof(IAudited).IsAssignableFrom(typeof(T))
            ? throw new NotSupportedException($"{typeof(T).Name} is audited: insert it with InsertAsync.")
            : InsertAsync(context, rows, ignoreDuplicates: true, cancellationToken);

    private static async Task InsertAsync<T>(ModuleDbContext context, IReadOnlyCollection<T> rows, bool ignoreDuplicates, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = context.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of {context.GetType().Name}.");
        var request = context.Request;
        var now = DateTimeOffset.UtcNow;
        var audit = typeof(IAudited).IsAssignableFrom(typeof(T)) ? new List<AuditEntry>(rows.Count) : null;
        var traceId = Activity.Current?.TraceId.ToString();
        foreach (var row in rows)
        {
            if (row is ITenantOwned owned)
            {
                ChangeStamper.StampTenant(owned, EntityState.Added, request);
            }

            if (row is Entity entity)
            {
                (entity.CreatedAt, entity.UpdatedAt, entity.Version) = (now, now, 1);
            }

            if (audit is not null)
            {
                audit.Add(new AuditEntry
                {
                    Id = Ids.NewId(),
                    TenantId = ((IAudited)row).AuditTenantId,
                    OccurredAt = now,
                    Actor = request.Actor,
                    EntityType = entityType.ClrType.Name,
                    EntityId = row is Entity e ? e.Id : Guid.Empty,
                    Action = "created",
                    Changes = ChangeStamper.DescribeCreated(entityType, row),
                    TraceId = traceId,
                });
            }
        }

        var connection = await context.OpenWithTenantSettingsAsync(cancellationToken);
        var database = context.Database;
        // On PostgreSQL one statement without audit rows is its own transaction: committed (and durable) when its
        // answer arrives, one round trip instead of three (BEGIN with it, then COMMIT).
        var single = audit is null && connection is NpgsqlConnection;
        var own = database.CurrentTransaction is null && !single ? await database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var transaction = database.CurrentTransaction?.GetDbTransaction();
            await WriteAsync(context, TableOf(context, entityType, ignoreDuplicates), rows, connection, transaction, cancellationToken);
            if (audit is not null)
            {
                await WriteAsync(context, TableOf(context, context.Model.FindEntityType(typeof(AuditEntry))!, ignoreDuplicates: false), audit, connection, transaction, cancellationToken);
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        catch (DbException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new ConflictException("A record with the same unique value already exists.", ConflictException.DuplicateCode);
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    private static Table TableOf(DbContext context, IEntityType entityType, bool ignoreDuplicates) =>
        Tables.GetOrAdd((entityType, context.Database.IsNpgsql(), ignoreDuplicates), key => Table.Of(key.Item1, key.Item2, key.Item3));

    private static Task WriteAsync<T>(DbContext context, Table table, IReadOnlyCollection<T> rows, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
        where T : class =>
        connection switch
        {
            NpgsqlConnection npgsql => WritePostgresAsync(npgsql, table, rows, (NpgsqlTransaction?)transaction, cancellationToken),
            SqliteConnection sqlite => WriteSqliteAsync(sqlite, table, rows, (SqliteTransaction)transaction!, cancellationToken),
            _ => throw new NotSupportedException($"No bulk path for {context.Database.ProviderName}."),
        };

    private static async Task WritePostgresAsync<T>(NpgsqlConnection connection, Table table, IReadOnlyCollection<T> rows, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
        where T : class
    {
        await using var command = new NpgsqlCommand(table.PostgresInsert, connection, transaction);
        foreach (var column in table.Columns)
        {
            var values = Array.CreateInstance(column.ArrayElementType, rows.Count);
            var i = 0;
            foreach (var row in rows)
            {
                values.SetValue(column.Read(row), i++);
            }

            command.Parameters.Add(new NpgsqlParameter { Value = values });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteSqliteAsync<T>(SqliteConnection connection, Table table, IReadOnlyCollection<T> rows, SqliteTransaction transaction, CancellationToken cancellationToken)
        where T : class
    {
        await using var command = connection.CreateCommand();
        command.CommandText = table.SqliteInsert;
        command.Transaction = transaction;
        var parameters = new DbParameter[table.Columns.Count];
        for (var c = 0; c < parameters.Length; c++)
        {
            var column = table.Columns[c];
            parameters[c] = column.Mapping.CreateParameter(command, "$p" + c, null, column.Nullable);
            command.Parameters.Add(parameters[c]);
        }

        command.Prepare();
        foreach (var row in rows)
        {
            for (var c = 0; c < parameters.Length; c++)
            {
                parameters[c].Value = table.Columns[c].Read(row) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>A table's insert statements and how to read each column's value from an entity.</summary>
    private sealed class Table(IReadOnlyList<Column> columns, string postgresInsert, string sqliteInsert)
    {
        public IReadOnlyList<Column> Columns { get; } = columns;

        public string PostgresInsert { get; } = postgresInsert;

        public string SqliteInsert { get; } = sqliteInsert;

        public static Table Of(IEntityType entityType, bool postgres, bool ignoreDuplicates)
        {
            var name = entityType.GetTableName() ?? throw new NotSupportedException($"{entityType.DisplayName()} is not mapped to a table.");
            var schema = entityType.GetSchema();
            var store = StoreObjectIdentifier.Table(name, schema);
            var columns = new List<Column>();
            foreach (var property in entityType.GetProperties())
            {
                if (property.GetComputedColumnSql(store) is not null)
                {
                    continue;
                }

                if (property.IsShadowProperty())
                {
                    throw new NotSupportedException($"{entityType.DisplayName()}.{property.Name} is a shadow property: the bulk path reads values from the entity.");
                }

                columns.Add(new Column(property, property.GetColumnName(store)!, property.GetRelationalTypeMapping(), property.GetColumnType(store)));
            }

            var names = string.Join(", ", columns.Select(c => Quote(c.Name)));
            var target = schema is null ? Quote(name) : $"{Quote(schema)}.{Quote(name)}";
            var unnest = new StringBuilder($"INSERT INTO {target} ({names}) SELECT ");
            unnest.AppendJoin(", ", columns.Select((c, i) => c.StoreType == "jsonb" ? $"u.c{i}::jsonb" : $"u.c{i}"));
            unnest.Append(" FROM unnest(").AppendJoin(", ", columns.Select((_, i) => $"${i + 1}")).Append(") AS u(")
                .AppendJoin(", ", columns.Select((_, i) => $"c{i}")).Append(')');
            if (ignoreDuplicates)
            {
                unnest.Append(" ON CONFLICT DO NOTHING");
            }

            var values = $"INSERT {(ignoreDuplicates ? "OR IGNORE " : "")}INTO {target} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            return new Table(columns, postgres ? unnest.ToString() : "", values);
        }

        private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>One column: the property's value as the provider stores it (after the model's value converter).</summary>
    private sealed class Column
    {
        private readonly IClrPropertyGetter _getter;
        private readonly Func<object?, object?>? _convert;

        public Column(IProperty property, string name, RelationalTypeMapping mapping, string storeType)
        {
            Name = name;
            Mapping = mapping;
            StoreType = storeType;
            Nullable = property.IsNullable;
            _getter = property.GetGetter();
            _convert = mapping.Converter?.ConvertToProvider;
            var provider = mapping.Converter?.ProviderClrType ?? property.ClrType;
            var underlying = System.Nullable.GetUnderlyingType(provider) ?? provider;
            ArrayElementType = underlying.IsValueType && Nullable ? typeof(Nullable<>).MakeGenericType(underlying) : underlying;
        }

        public string Name { get; }

        public RelationalTypeMapping Mapping { get; }

        public string StoreType { get; }

        public bool Nullable { get; }

        /// <summary>The element type of the column's PostgreSQL array parameter (<c>Guid?</c> for a nullable uuid).</summary>
        public Type ArrayElementType { get; }

        public object? Read(object entity)
        {
            var value = _getter.GetClrValueUsingContainingEntity(entity);
            return _convert is null || value is null ? value : _convert(value);
        }
    }
}
