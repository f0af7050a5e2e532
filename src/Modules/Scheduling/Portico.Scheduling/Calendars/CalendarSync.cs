using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portico.Kernel.Events;
using Portico.Kernel.Modules;
using Portico.Tenancy.Contracts;

namespace Portico.Scheduling.Calendars;

/// <summary>
/// Reads a connection's busy times into <see cref="ExternalBusyTime"/> rows for now … now + the window: incrementally
/// from the provider's cursor when there is one (and it is younger than <see cref="CalendarOptions.FullSyncEvery"/>),
/// else the whole window, replacing the connection's rows. Events Portico wrote are skipped (by the event links and
/// the provider's own marker). A refused grant puts the connection into <c>error</c>; other failures are recorded and
/// tried again next time.
/// </summary>
internal sealed class CalendarSync(SchedulingDbContext db, CalendarTokens tokens, IOptions<CalendarOptions> options, TimeProvider clock, ILogger<CalendarSync> logger)
{
    /// <summary>Syncs the connection and answers it as saved (read again when someone else saved it meanwhile).</summary>
    public async Task<CalendarConnection> SyncAsync(CalendarConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await SyncOnceAsync(connection, cancellationToken);
            return connection;
        }
        catch (ConcurrencyException)
        {
            // The appointment writer (refreshing the same token) or another sync saved the connection in between: read
            // it again and sync once more from what they left.
            db.ChangeTracker.Clear();
            var fresh = await db.CalendarConnections.FirstOrDefaultAsync(c => c.Id == connection.Id, cancellationToken)
                ?? throw new NotFoundException("Calendar connection", connection.Id);
            if (fresh.Status == CalendarConnectionStatus.Active)
            {
                await SyncOnceAsync(fresh, cancellationToken);
            }

            return fresh;
        }
    }

    private async Task SyncOnceAsync(CalendarConnection connection, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + options.Value.SyncWindow;
        var cursor = connection.FullSyncAt is { } full && now - full < options.Value.FullSyncEvery ? connection.SyncCursor : null;
        try
        {
            var changes = await tokens.CallAsync(connection,
                (provider, token) => provider.ReadBusyAsync(token, connection.ExternalCalendarId, cursor, now, until, cancellationToken), cancellationToken);
            await ApplyAsync(connection, changes, now, until, cancellationToken);
            connection.SyncCursor = changes.Cursor;
            if (changes.Full)
            {
                connection.FullSyncAt = now;
            }

            connection.LastSyncedAt = now;
            connection.Succeeded();
        }
        catch (Exception e) when (Failure(e) is not null && !cancellationToken.IsCancellationRequested)
        {
            var failure = Failure(e)!.Value;
            logger.LogWarning("Calendar connection {ConnectionId} ({Provider}) did not sync: {Reason}", connection.Id, connection.Provider, failure.Reason);
            connection.Failed(failure.Reason, now, failure.ReconnectNeeded);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Why a provider call failed, in words fit for a log and the API (never a token), and whether only connecting again helps.</summary>
    public static (string Reason, bool ReconnectNeeded)? Failure(Exception e) => e switch
    {
        CalendarGrantException grant => (grant.Message + " Connect the calendar again.", true),
        CalendarAuthException auth => (auth.Message + " Connect the calendar again.", true),
        CalendarApiException api => (api.Message, false),
        _ when OutboundStatus.Of(e) is { } status => ($"The calendar service could not be reached ({status}).", false),
        _ => null,
    };

    private async Task ApplyAsync(CalendarConnection connection, BusyChanges changes, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var ours = (await db.CalendarEventLinks.Where(l => l.ConnectionId == connection.Id).Select(l => l.ExternalEventId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var rows = (await db.ExternalBusyTimes.Where(b => b.ConnectionId == connection.Id).ToListAsync(cancellationToken))
            .ToDictionary(b => b.ExternalEventId, StringComparer.Ordinal);
        var keep = changes.Full ? new HashSet<string>(StringComparer.Ordinal) : null;
        foreach (var id in changes.Gone)
        {
            if (rows.Remove(id, out var row))
            {
                db.ExternalBusyTimes.Remove(row);
            }
        }

        foreach (var busy in changes.Busy)
        {
            var counts = !busy.ByPortico && !ours.Contains(busy.Id) && busy.EndsAt > now && busy.StartsAt < until;
            if (!counts)
            {
                if (rows.Remove(busy.Id, out var stale))
                {
                    db.ExternalBusyTimes.Remove(stale);
                }

                continue;
            }

            keep?.Add(busy.Id);
            if (rows.TryGetValue(busy.Id, out var row))
            {
                row.StartsAt = busy.StartsAt;
                row.EndsAt = busy.EndsAt;
            }
            else
            {
                rows[busy.Id] = db.ExternalBusyTimes.Add(new ExternalBusyTime
                {
                    StaffId = connection.StaffId, ConnectionId = connection.Id, ExternalEventId = busy.Id, StartsAt = busy.StartsAt, EndsAt = busy.EndsAt,
                }).Entity;
            }
        }

        // A full read replaces the window; either way, time already past is no longer anyone's concern.
        foreach (var row in rows.Values.Where(r => (keep is not null && !keep.Contains(r.ExternalEventId)) || r.EndsAt <= now).ToList())
        {
            db.ExternalBusyTimes.Remove(row);
        }
    }
}

/// <summary>Syncs every active calendar connection, tenant by tenant, every <see cref="CalendarOptions.SyncInterval"/>.</summary>
internal sealed class CalendarSyncJob(IServiceScopeFactory scopes, IOptions<CalendarOptions> options, TimeProvider clock, ILogger<CalendarSyncJob> logger)
    : PlatformJob(scopes, clock, logger)
{
    public const string ActorName = "system:calendar-sync";

    protected override TimeSpan Period => options.Value.SyncInterval;

    protected override string Actor => ActorName;

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var connections = await services.GetRequiredService<SchedulingDbContext>().CalendarConnections.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Status == CalendarConnectionStatus.Active)
            .Select(c => new { c.Id, c.TenantId })
            .ToListAsync(cancellationToken);
        var synced = 0;
        foreach (var tenant in connections.GroupBy(c => c.TenantId))
        {
            if (await services.GetRequiredService<ITenantProfiles>().FindAsync(tenant.Key, cancellationToken) is not { Suspended: false } profile)
            {
                continue;
            }

            foreach (var connection in tenant)
            {
                try
                {
                    await services.GetRequiredService<IServiceScopeFactory>().RunAsync(tenant.Key, profile.Slug, Actor, async s =>
                    {
                        var db = s.GetRequiredService<SchedulingDbContext>();
                        if (await db.CalendarConnections.FirstOrDefaultAsync(c => c.Id == connection.Id, cancellationToken) is { Status: CalendarConnectionStatus.Active } row)
                        {
                            await s.GetRequiredService<CalendarSync>().SyncAsync(row, cancellationToken);
                        }
                    });
                    synced++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One connection's trouble (a concurrent disconnect, say) never holds up the others.
                    logger.LogWarning(e, "Calendar connection {ConnectionId} failed to sync", connection.Id);
                }
            }
        }

        return synced;
    }
}
