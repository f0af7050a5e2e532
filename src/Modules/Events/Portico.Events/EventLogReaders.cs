using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portico.Data;
using Portico.Data.Events;
using Portico.Kernel.Events;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;

namespace Portico.Events;

/// <summary>Settings of the event log readers, under <c>Portico:Messaging:Events</c>.</summary>
internal sealed class EventLogOptions
{
    public const string Section = "Portico:Messaging:Events";

    /// <summary>Most events handed to a subscriber at once.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Longest wait before a reader looks at the log again. Commits on this instance wake its readers at once;
    /// the poll picks up events written by other instances.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// After a batch smaller than <see cref="BatchSize"/>, how long a reader lets events gather before the next
    /// read: under load, batches of tens of events instead of one read per commit.
    /// </summary>
    public TimeSpan BatchLinger { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long handled events stay in the log (for inspection) before the retention job removes them.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// Runs every <see cref="IEventSubscriber"/> of the modules (ADR 0007): each reads the event log from its
/// own checkpoint, in <c>(tx, position)</c> order, in batches, and moves the checkpoint after handling a batch.
/// On PostgreSQL a session advisory lock per subscriber lets one instance of a deployment read for it at a
/// time (another takes over when that instance dies), and rows are read only below the horizon of running
/// transactions, so one that commits late is never skipped. A batch that fails is handed over again event by
/// event; an event that still fails after the retries is parked (logged and recorded) and passed.
/// </summary>
internal sealed class EventLogReaders(
    IEnumerable<IEventSubscriber> subscribers, IServiceScopeFactory scopes, EventLogSignal signal,
    Microsoft.Extensions.Options.IOptions<EventLogOptions> options, IConfiguration configuration, TimeProvider clock,
    ILogger<EventLogReaders> logger) : BackgroundService
{
    private readonly TimeSpan[] _retryDelays = QueueRetries.Delays(configuration).Where(d => d <= TimeSpan.FromSeconds(30)).ToArray();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(subscribers.Select(s => Task.Run(() => RunAsync(s, stoppingToken), CancellationToken.None)));

    private async Task RunAsync(IEventSubscriber subscriber, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // One scope and one open connection for as long as this instance reads for the subscriber; on
                // PostgreSQL the connection holds the subscriber's advisory lock, released when it closes.
                await using var scope = scopes.CreateAsyncScope();
                var request = scope.ServiceProvider.GetRequiredService<RequestContext>();
                request.SetActor($"system:{subscriber.Name}");
                request.EnterPlatformScope();
                var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
                var postgres = db.Database.IsNpgsql();
                var connection = await db.OpenWithTenantSettingsAsync(stoppingToken);
                if (postgres && !await ScalarAsync<bool>(connection, "SELECT pg_try_advisory_lock(hashtext(@k))", stoppingToken, ("k", LockKey(subscriber))))
                {
                    // Another instance reads for this subscriber; take over if it goes away.
                    await db.Database.CloseConnectionAsync();
                    await Delay(options.Value.PollInterval, stoppingToken);
                    continue;
                }

                try
                {
                    var checkpoint = await CheckpointAsync(connection, EventLogSql.Checkpoints(postgres), subscriber.Name, postgres, stoppingToken);
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var wake = signal.WaitAsync();
                        var (read, next) = await ReadBatchAsync(subscriber, connection, postgres, checkpoint, stoppingToken);
                        checkpoint = next;
                        failures = 0;
                        if (read >= options.Value.BatchSize)
                        {
                            continue;
                        }

                        if (read > 0)
                        {
                            // Let a few more commits arrive: bigger batches cost fewer round trips per event.
                            await Delay(options.Value.BatchLinger, stoppingToken);
                            continue;
                        }

                        await Task.WhenAny(wake, Delay(options.Value.PollInterval, stoppingToken));
                    }
                }
                finally
                {
                    if (postgres && connection.State == System.Data.ConnectionState.Open)
                    {
                        await ScalarAsync<bool>(connection, "SELECT pg_advisory_unlock(hashtext(@k))", CancellationToken.None, ("k", LockKey(subscriber)));
                    }
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The log may not exist yet (migrations not run) or the database is away: the same batch comes back.
                failures++;
                logger.LogWarning(ex, "Event subscriber {Subscriber}: reading the log failed ({Failures} in a row); trying again", subscriber.Name, failures);
                await Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 200 * failures * failures)), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, clock, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static string LockKey(IEventSubscriber subscriber) => "portico.event-subscriber:" + subscriber.Name;

    /// <summary>One batch after <paramref name="from"/>: how many events were read, and the checkpoint now.</summary>
    private async Task<(int Read, (long Tx, long Position) Checkpoint)> ReadBatchAsync(
        IEventSubscriber subscriber, DbConnection connection, bool postgres, (long Tx, long Position) from, CancellationToken cancellationToken)
    {
        var checkpoints = EventLogSql.Checkpoints(postgres);
        await using var select = connection.CreateCommand();
        var types = subscriber.EventTypes?.ToList();
        var typeFilter = TypeFilter(select, types);

        select.CommandText =
            $"SELECT tx, position, body FROM {EventLogSql.Log(postgres)} WHERE (tx, position) > (@tx, @p) AND {EventLogSql.BelowHorizon(postgres)}{typeFilter} "
            + "ORDER BY tx, position LIMIT @n";
        Add(select, "tx", from.Tx);
        Add(select, "p", from.Position);
        Add(select, "n", options.Value.BatchSize);
        var rows = new List<(long Tx, long Position, IntegrationEvent Event)>();
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var body = reader.GetString(2);
                rows.Add((reader.GetInt64(0), reader.GetInt64(1), JsonSerializer.Deserialize<IntegrationEvent>(body, EventJson.Options)!));
            }
        }

        if (rows.Count == 0)
        {
            // Nothing wanted up to the horizon: skip the unwanted rows for good, so they are not read again.
            return (0, types is null ? from : await SkipToHeadAsync(connection, subscriber.Name, postgres, from, types, cancellationToken));
        }

        await HandleAsync(subscriber, connection, postgres, rows, cancellationToken);
        var last = rows[^1];
        await SaveCheckpointAsync(connection, checkpoints, subscriber.Name, last.Tx, last.Position, cancellationToken);
        return (rows.Count, (last.Tx, last.Position));
    }

    private async Task HandleAsync(IEventSubscriber subscriber, DbConnection connection, bool postgres, List<(long Tx, long Position, IntegrationEvent Event)> rows, CancellationToken cancellationToken)
    {
        try
        {
            await subscriber.HandleAsync(rows.Select(r => r.Event).ToList(), cancellationToken);
            return;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Event subscriber {Subscriber}: a batch of {Count} failed; handling its events one by one", subscriber.Name, rows.Count);
        }

        foreach (var row in rows)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await subscriber.HandleAsync([row.Event], cancellationToken);
                    break;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && attempt <= _retryDelays.Length)
                {
                    logger.LogWarning(ex, "Event subscriber {Subscriber}: event {EventId} ({Type}) failed, attempt {Attempt}; retrying in {Delay}",
                        subscriber.Name, row.Event.Id, row.Event.Type, attempt, _retryDelays[attempt - 1]);
                    await Task.Delay(_retryDelays[attempt - 1], clock, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Event subscriber {Subscriber}: event {EventId} ({Type}) failed {Attempts} times; parked, the subscriber moves on",
                        subscriber.Name, row.Event.Id, row.Event.Type, attempt);
                    await ParkAsync(connection, postgres, subscriber.Name, row.Position, row.Event, ex, cancellationToken);
                    break;
                }
            }
        }
    }

    private async Task<(long Tx, long Position)> CheckpointAsync(DbConnection connection, string table, string subscriber, bool postgres, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT tx, position FROM {table} WHERE subscriber = @s";
            Add(command, "s", subscriber);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    return (reader.GetInt64(0), reader.GetInt64(1));
                }
            }

            if (attempt > 0)
            {
                throw new InvalidOperationException($"The checkpoint of {subscriber} could not be created.");
            }

            // A new subscriber reads the log from its start.
            await using var insert = connection.CreateCommand();
            insert.CommandText = postgres
                ? $"INSERT INTO {table} (subscriber, tx, position, updated_at) VALUES (@s, 0, 0, @now) ON CONFLICT DO NOTHING"
                : $"INSERT OR IGNORE INTO {table} (subscriber, tx, position, updated_at) VALUES (@s, 0, 0, @now)";
            Add(insert, "s", subscriber);
            Add(insert, "now", Now(postgres));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task SaveCheckpointAsync(DbConnection connection, string table, string subscriber, long tx, long position, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE {table} SET tx = @tx, position = @p, updated_at = @now WHERE subscriber = @s";
        Add(command, "tx", tx);
        Add(command, "p", position);
        Add(command, "now", Now(connection is Npgsql.NpgsqlConnection));
        Add(command, "s", subscriber);
        // The batch is handled: a cancellation now would only make it be handled again.
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>` AND type IN (@y0, …)` with its parameters added, or nothing when the subscriber takes every type.</summary>
    private static string TypeFilter(DbCommand command, List<string>? types)
    {
        if (types is null)
        {
            return "";
        }

        for (var i = 0; i < types.Count; i++)
        {
            Add(command, "y" + i.ToString(CultureInfo.InvariantCulture), types[i]);
        }

        return " AND type IN (" + string.Join(", ", types.Select((_, i) => "@y" + i.ToString(CultureInfo.InvariantCulture))) + ")";
    }

    /// <summary>
    /// Moves the checkpoint past unwanted rows, up to the log's head below the horizon. The head is read after the batch
    /// found nothing wanted, so a wanted event may have committed and come under the horizon in between: then nothing is
    /// skipped (the next poll reads it), where skipping to the head would have passed it by for good.
    /// </summary>
    private async Task<(long Tx, long Position)> SkipToHeadAsync(
        DbConnection connection, string subscriber, bool postgres, (long Tx, long Position) from, List<string> types, CancellationToken cancellationToken)
    {
        await using var head = connection.CreateCommand();
        head.CommandText = $"SELECT tx, position FROM {EventLogSql.Log(postgres)} WHERE (tx, position) > (@tx, @p) AND {EventLogSql.BelowHorizon(postgres)} ORDER BY tx DESC, position DESC LIMIT 1";
        Add(head, "tx", from.Tx);
        Add(head, "p", from.Position);
        long tx, position;
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return from;
            }

            (tx, position) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        await using var wanted = connection.CreateCommand();
        wanted.CommandText =
            $"SELECT 1 FROM {EventLogSql.Log(postgres)} WHERE (tx, position) > (@tx, @p) AND (tx, position) <= (@headTx, @headP){TypeFilter(wanted, types)} LIMIT 1";
        Add(wanted, "tx", from.Tx);
        Add(wanted, "p", from.Position);
        Add(wanted, "headTx", tx);
        Add(wanted, "headP", position);
        if (await wanted.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return from;
        }

        await SaveCheckpointAsync(connection, EventLogSql.Checkpoints(postgres), subscriber, tx, position, cancellationToken);
        return (tx, position);
    }

    private async Task ParkAsync(DbConnection connection, bool postgres, string subscriber, long position, IntegrationEvent integrationEvent, Exception error, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var table = EventLogSql.Parked(postgres);
        command.CommandText = postgres
            ? $"INSERT INTO {table} (id, subscriber, position, event_id, tenant_id, type, error, parked_at) VALUES (@id, @s, @p, @e, @t, @y, @err, @now) ON CONFLICT DO NOTHING"
            : $"INSERT OR IGNORE INTO {table} (id, subscriber, position, event_id, tenant_id, type, error, parked_at) VALUES (@id, @s, @p, @e, @t, @y, @err, @now)";
        Add(command, "id", postgres ? Guid.CreateVersion7() : Guid.CreateVersion7().ToString().ToUpperInvariant());
        Add(command, "s", subscriber);
        Add(command, "p", position);
        Add(command, "e", postgres ? integrationEvent.Id : integrationEvent.Id.ToString().ToUpperInvariant());
        Add(command, "t", postgres ? integrationEvent.TenantId : integrationEvent.TenantId.ToString().ToUpperInvariant());
        Add(command, "y", integrationEvent.Type);
        var text = $"{error.GetType().FullName}: {error.Message}";
        Add(command, "err", text.Length > 4000 ? text[..4000] : text);
        Add(command, "now", Now(postgres));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private object Now(bool postgres) => postgres ? clock.GetUtcNow() : new UtcIsoStringConverter().ConvertToProvider(clock.GetUtcNow())!;

    private static async Task<T> ScalarAsync<T>(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>
/// Removes log rows older than the retention window that every subscriber has read, hourly. The log is a
/// queue, not an archive: the stream and the modules keep what clients see.
/// </summary>
internal sealed class EventLogRetention(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<EventLogOptions> options, ILogger<EventLogRetention> logger)
    : PlatformJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override string Actor => "system:event-log-retention";

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<PlatformDbContext>();
        var postgres = db.Database.IsNpgsql();
        var cutoff = Clock.GetUtcNow() - options.Value.Retention;
        var log = EventLogSql.Log(postgres);
        var checkpoints = EventLogSql.Checkpoints(postgres);
        // Only what the slowest subscriber has read, so a subscriber that was down finds its events.
        await using var command = (await db.OpenWithTenantSettingsAsync(cancellationToken)).CreateCommand();
        command.CommandText = $"DELETE FROM {log} WHERE created_at < @cutoff AND EXISTS (SELECT 1 FROM {checkpoints}) "
            + $"AND (tx, position) <= (SELECT tx, position FROM {checkpoints} ORDER BY tx, position LIMIT 1)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "cutoff";
        parameter.Value = postgres ? cutoff : new UtcIsoStringConverter().ConvertToProvider(cutoff)!;
        command.Parameters.Add(parameter);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
