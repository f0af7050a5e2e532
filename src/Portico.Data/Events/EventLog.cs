using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Portico.Kernel.Events;

namespace Portico.Data.Events;

/// <summary>
/// One integration event in the platform's event log (ADR 0007), written in the transaction of the change
/// that raised it. Subscribers read the log in <c>(Tx, Position)</c> order from their own checkpoint.
/// </summary>
public sealed class EventLogRow
{
    /// <summary>Assigned by the database (identity on PostgreSQL, AUTOINCREMENT rowid on SQLite); never reused.</summary>
    public long Position { get; set; }

    /// <summary>
    /// PostgreSQL: the writing transaction's id (<c>pg_current_xact_id()</c>). Readers take only rows whose
    /// transaction is older than every transaction still running, so a row committed late is never skipped.
    /// SQLite: 0 (writers are serialized, so positions already follow commit order).
    /// </summary>
    public long Tx { get; set; }

    public Guid EventId { get; set; }

    public Guid TenantId { get; set; }

    public required string Type { get; set; }

    /// <summary>The whole <see cref="IntegrationEvent"/> as JSON.</summary>
    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>How far one subscriber has read the log: the last <c>(Tx, Position)</c> it handled.</summary>
public sealed class EventCheckpoint
{
    public required string Subscriber { get; set; }

    public long Tx { get; set; }

    public long Position { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An event a subscriber could not handle after its retries: set aside so the subscriber moves on.</summary>
public sealed class ParkedEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Subscriber { get; set; }

    public long Position { get; set; }

    public Guid EventId { get; set; }

    public Guid TenantId { get; set; }

    public required string Type { get; set; }

    public required string Error { get; set; }

    public DateTimeOffset ParkedAt { get; set; }
}

internal sealed class EventLogRowConfiguration : IEntityTypeConfiguration<EventLogRow>
{
    public void Configure(EntityTypeBuilder<EventLogRow> builder)
    {
        builder.ToTable("event_log");
        // Payloads are tenant data: row-level security fences the log like any tenant table (a use case writes
        // its own tenant's events; the readers read as the platform role).
        builder.Metadata.SetAnnotation(ModuleDbContext.TenantOwnedAnnotation, true);
        builder.HasKey(e => e.Position);
        builder.Property(e => e.Position).ValueGeneratedOnAdd();
        builder.Property(e => e.Type).HasMaxLength(100);
        // The read order and the readers' range condition.
        builder.HasIndex(e => new { e.Tx, e.Position });
        builder.HasIndex(e => e.CreatedAt);
    }
}

internal sealed class EventCheckpointConfiguration : IEntityTypeConfiguration<EventCheckpoint>
{
    public void Configure(EntityTypeBuilder<EventCheckpoint> builder)
    {
        builder.ToTable("event_checkpoints");
        builder.HasKey(e => e.Subscriber);
        builder.Property(e => e.Subscriber).HasMaxLength(100);
    }
}

internal sealed class ParkedEventConfiguration : IEntityTypeConfiguration<ParkedEvent>
{
    public void Configure(EntityTypeBuilder<ParkedEvent> builder)
    {
        builder.ToTable("parked_events");
        builder.Metadata.SetAnnotation(ModuleDbContext.TenantOwnedAnnotation, true);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Subscriber).HasMaxLength(100);
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.Error).HasMaxLength(4000);
        builder.HasIndex(e => new { e.Subscriber, e.EventId }).IsUnique();
    }
}

/// <summary>The SQL of the event log on each provider; one place for the writer (the outbox) and the readers.</summary>
public static class EventLogSql
{
    public static string Log(bool postgres) => postgres ? "platform.event_log" : "platform_event_log";

    public static string Checkpoints(bool postgres) => postgres ? "platform.event_checkpoints" : "platform_event_checkpoints";

    public static string Parked(bool postgres) => postgres ? "platform.parked_events" : "platform_parked_events";

    /// <summary>
    /// The horizon: on PostgreSQL, the oldest transaction still running when the statement started. Every
    /// transaction below it has ended, so the rows below it are all there is below it, for good.
    /// </summary>
    public static string BelowHorizon(bool postgres) =>
        postgres ? "tx < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint" : "1 = 1";

    /// <summary>PostgreSQL's column default: the writing transaction's 64-bit id.</summary>
    public const string PostgresTxDefault = "(pg_current_xact_id()::text)::bigint";

    /// <summary>Inserts the events, in order, in the context's current transaction (one statement).</summary>
    public static async Task AppendAsync(DbContext context, IReadOnlyList<IntegrationEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        var postgres = context.Database.IsNpgsql();
        var connection = await context.OpenWithTenantSettingsAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        var sql = new System.Text.StringBuilder($"INSERT INTO {Log(postgres)} (event_id, tenant_id, type, body, created_at) VALUES ");
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@i{i}, @t{i}, @y{i}, @b{i}, @c)");
            Add(command, $"i{i}", postgres ? e.Id : e.Id.ToString().ToUpperInvariant());
            Add(command, $"t{i}", postgres ? e.TenantId : e.TenantId.ToString().ToUpperInvariant());
            Add(command, $"y{i}", e.Type);
            Add(command, $"b{i}", JsonSerializer.Serialize(e, EventJson.Options));
        }

        Add(command, "c", postgres ? now : (object)new UtcIsoStringConverter().ConvertToProvider(now)!);
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>Wakes this instance's log readers when a transaction that wrote events has committed.</summary>
public sealed class EventLogSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Pulse"/>; ask before reading so a commit in between is not slept through.</summary>
    public Task WaitAsync() => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
