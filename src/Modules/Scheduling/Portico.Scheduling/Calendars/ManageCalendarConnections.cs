using Portico.Kernel.Tenancy;

namespace Portico.Scheduling.Calendars;

/// <summary>A staff member's connected calendars, with their status and last error (never their tokens).</summary>
internal static class ListCalendarConnections
{
    [RequiresPermission(SchedulingPermissions.Read)]
    internal sealed class Handler(SchedulingDbContext db)
    {
        public async Task<IReadOnlyList<CalendarConnectionView>> HandleAsync(Guid staffId, CancellationToken cancellationToken)
        {
            await db.FindStaffAsync(staffId, cancellationToken);
            return (await db.CalendarConnections.AsNoTracking().Where(c => c.StaffId == staffId).OrderBy(c => c.Id).Take(50).ToListAsync(cancellationToken))
                .Select(CalendarConnectionView.From).ToList();
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet(CalendarAccess.Route(), async Task<Ok<IReadOnlyList<CalendarConnectionView>>> (Guid staffId, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(staffId, ct)))
        .WithName("ListCalendarConnections")
        .WithSummary("A staff member's connected calendars: provider, account, status, last sync and last error (tokens are never shown)");
}

/// <summary>Disconnects a calendar: the grant is revoked where the provider allows it, its busy times and event links are deleted.</summary>
internal static class DisconnectCalendar
{
    [RequiresPermission(SchedulingPermissions.Read)]
    internal sealed class Handler(SchedulingDbContext db, RequestContext context, CalendarProviderSet providers, CalendarTokens tokens)
    {
        public async Task HandleAsync(Guid staffId, Guid id, CancellationToken cancellationToken)
        {
            var connection = await CalendarAccess.ConnectionAsync(db, context, staffId, id, cancellationToken);
            if (tokens.RefreshTokenOf(connection) is { } refresh && providers.Find(connection.Provider) is { } provider)
            {
                await provider.RevokeAsync(refresh, cancellationToken);
            }

            await db.ExternalBusyTimes.Where(b => b.ConnectionId == connection.Id).ExecuteDeleteAsync(cancellationToken);
            await db.CalendarEventLinks.Where(l => l.ConnectionId == connection.Id).ExecuteDeleteAsync(cancellationToken);
            db.CalendarConnections.Remove(connection);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete(CalendarAccess.Route("/{id:guid}"), async Task<NoContent> (Guid staffId, Guid id, Handler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(staffId, id, ct);
            return TypedResults.NoContent();
        })
        .WithName("DisconnectCalendar")
        .WithSummary("Disconnect a calendar: its grant is revoked (Google), its busy times and event links deleted; events already written stay there");
}

/// <summary>Syncs a connection now, as the background job does every few minutes, and answers it afterwards.</summary>
internal static class SyncCalendar
{
    [RequiresPermission(SchedulingPermissions.Read)]
    internal sealed class Handler(SchedulingDbContext db, RequestContext context, CalendarSync sync)
    {
        public async Task<CalendarConnectionView> HandleAsync(Guid staffId, Guid id, CancellationToken cancellationToken)
        {
            var connection = await CalendarAccess.ConnectionAsync(db, context, staffId, id, cancellationToken);
            if (connection.Status != CalendarConnectionStatus.Active)
            {
                throw new ConflictException("This calendar's grant was refused by its provider: connect it again.", "calendar-reconnect-needed");
            }

            return CalendarConnectionView.From(await sync.SyncAsync(connection, cancellationToken));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost(CalendarAccess.Route("/{id:guid}/sync"), async Task<Ok<CalendarConnectionView>> (Guid staffId, Guid id, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(staffId, id, ct)))
        .WithName("SyncCalendar")
        .ProducesProblem(StatusCodes.Status409Conflict)
        .WithSummary("Read a connected calendar's busy times now (the answer shows the outcome: status, lastSyncedAt, lastError)");
}
