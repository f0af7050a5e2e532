using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders.Orders;
using Portico.WorkOrders.RepairServices;

namespace Portico.WorkOrders.Work;

/// <summary>A stage in a mechanic's queue, with what the phone screen shows of its order.</summary>
internal sealed record MechanicQueueItem(
    Guid StageId, Guid OrderId, long OrderNumber, string OrderStatus, string VehicleLabel, string ContactName, WorkshopText StageName,
    string Status, int Position, int ExpectedMinutes, DateTimeOffset? StartedAt, DateTimeOffset? ScheduledAt, DateTimeOffset? PromisedAt,
    bool PhotoRequired);

/// <summary>
/// A mechanic's queue: their open stages (pending or in progress) of orders that can be worked on (approved, scheduled,
/// in progress, waiting for parts), the order booked in first (orders with no date last), then by order number and
/// stage position. One statement: an ordered range of the stages' queue index, and only that page joined to its orders,
/// paged by a keyset over (queue key, number, position).
/// </summary>
internal sealed class MechanicQueue(WorkOrdersDbContext db)
{
    /// <summary>Where a page ends: the last item's queue key (its order's date, or the largest value when undated), order number and stage position.</summary>
    private sealed record Cursor(long Key, long Number, int Position);

    public async Task<Page<MechanicQueueItem>> PageAsync(Guid mechanicId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var request = PageRequest.From(limit, cursor, null);
        // The stages' queue columns (kept by QueueFields) make the page one ordered range of the
        // (tenant, mechanic, in queue, key, number, position) index; only the page's rows are joined to their orders.
        var stages = db.Stages.AsNoTracking().Where(s => s.MechanicId == mechanicId && s.InQueue);
        if (request.Cursor is not null)
        {
            var after = Keyset.DecodeCursor<Cursor>(request.Cursor);
            var (key, number, position) = (after.Key, after.Number, after.Position);
            stages = stages.Where(s => s.QueueKey > key || (s.QueueKey == key && (s.OrderNumber > number || (s.OrderNumber == number && s.Position > position))));
        }

        var items = await stages
            .OrderBy(s => s.QueueKey).ThenBy(s => s.OrderNumber).ThenBy(s => s.Position)
            .Take(request.Limit + 1)
            .Join(
                db.Orders.AsNoTracking(),
                s => s.OrderId,
                o => o.Id,
                (s, o) => new
                {
                    StageId = s.Id, s.OrderId, o.Number, OrderStatus = o.Status, o.VehicleLabel, o.ContactName, s.NameEn, s.NameRu, s.Status, s.Position,
                    s.ExpectedMinutes, s.StartedAt, o.ScheduledAt, o.PromisedAt, s.PhotoRequired, s.QueueKey,
                })
            .OrderBy(r => r.QueueKey).ThenBy(r => r.Number).ThenBy(r => r.Position)
            .ToListAsync(cancellationToken);
        string? next = null;
        if (items.Count > request.Limit)
        {
            items.RemoveAt(items.Count - 1);
            var last = items[^1];
            next = Keyset.EncodeCursor(new Cursor(last.QueueKey, last.Number, last.Position));
        }

        return new Page<MechanicQueueItem>(
            items.Select(r => new MechanicQueueItem(
                r.StageId, r.OrderId, r.Number, r.OrderStatus, r.VehicleLabel, r.ContactName, new WorkshopText(r.NameEn, r.NameRu), r.Status, r.Position,
                r.ExpectedMinutes, r.StartedAt, r.ScheduledAt, r.PromisedAt, r.PhotoRequired)).ToList(),
            next);
    }
}

/// <summary>The caller's own queue: what a mechanic opens the app to.</summary>
internal static class ListMyQueue
{
    internal sealed record Query(int? Limit, string? Cursor);

    [RequiresPermission(WorkOrdersPermissions.Read)]
    internal sealed class Handler(MechanicQueue queue, RequestContext request)
    {
        public Task<Page<MechanicQueueItem>> HandleAsync(Query query, CancellationToken cancellationToken) =>
            queue.PageAsync(request.UserId ?? throw new UnauthorizedException("Sign in as a member to see your queue."), query.Limit, query.Cursor, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/my-queue", async Task<Ok<Page<MechanicQueueItem>>> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(query, ct)))
        .WithName("ListMyQueue")
        .WithSummary("Your open stages (pending or in progress) of orders that can be worked on, in keyset pages: the order booked in first (undated last), then by order number and stage position");
}

/// <summary>A mechanic's queue as the front desk sees it, to plan and reassign.</summary>
internal static class ListMechanicQueue
{
    internal sealed record Query(int? Limit, string? Cursor);

    [RequiresPermission(WorkOrdersPermissions.Write)]
    internal sealed class Handler(MechanicQueue queue)
    {
        public Task<Page<MechanicQueueItem>> HandleAsync(Guid userId, Query query, CancellationToken cancellationToken) =>
            queue.PageAsync(userId, query.Limit, query.Cursor, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/mechanics/{userId:guid}/queue", async Task<Ok<Page<MechanicQueueItem>>> (Guid userId, [AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(userId, query, ct)))
        .WithName("ListMechanicQueue")
        .WithSummary("A mechanic's open stages (as in my-queue) by their user id, for planning and reassigning; a former member's leftover stages show too");
}
