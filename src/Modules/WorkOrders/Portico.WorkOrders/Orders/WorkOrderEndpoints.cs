using Portico.Data.Events;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.WorkOrders.Orders;

internal static class CreateWorkOrder
{
    [RequiresPermission(WorkOrdersPermissions.Write)]
    internal sealed class Handler(WorkOrderBuilder builder, WorkOrderReader reader)
    {
        public async Task<WorkOrderView> HandleAsync(CreateWorkOrderInput input, CancellationToken cancellationToken) =>
            await reader.ViewAsync(await builder.CreateAsync(input, cancellationToken), cancellationToken);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/workshop/work-orders", async Task<Created<WorkOrderView>> (CreateWorkOrderInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var order = await handler.HandleAsync(input, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(order.Version);
            return TypedResults.Created($"{http.Request.Path}/{order.Id}", order);
        })
        .WithName("CreateWorkOrder")
        .WithRequestExample(new
        {
            contactId = "0193a1f2-7c3e-7d4a-9b1c-2f3e4d5a6b7c",
            vehicleId = "0193a1f2-8d4f-7e5b-8c2d-3f4e5d6a7b8c",
            services = new[] { new { serviceId = "0193a1f2-9e5a-7f6c-9d3e-4a5b6c7d8e9f", discount = "500.00" } },
            complaint = "Скрип при торможении",
            odometer = 84200,
        })
        .WithSummary("Open a work order for a client's vehicle with repair services: their current stage templates become the order's stage chain, their parts are reserved (short ones flagged), totals computed; raises work_order.created");
}

internal static class GetWorkOrder
{
    [RequiresPermission(WorkOrdersPermissions.Read)]
    internal sealed class Handler(WorkOrderAccess access, WorkOrderReader reader)
    {
        public async Task<WorkOrderView> HandleAsync(Guid orderId, CancellationToken cancellationToken) =>
            await reader.ViewAsync(await access.FindAsync(orderId, cancellationToken), cancellationToken);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/work-orders/{orderId:guid}", async Task<Ok<WorkOrderView>> (Guid orderId, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var order = await handler.HandleAsync(orderId, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(order.Version);
            return TypedResults.Ok(order);
        })
        .WithName("GetWorkOrder")
        .WithSummary("A work order with its service lines, stage chain, parts, totals, the statuses it can move to and the client's tracking link");
}

internal static class ListWorkOrders
{
    internal sealed record Query(string? Status, Guid? ContactId, Guid? VehicleId, Guid? MechanicId, int? Limit, string? Cursor, string? Sort);

    public static readonly SortFields<WorkOrder> Sorts = new SortFields<WorkOrder>("-createdAt")
        .Add("createdAt", o => o.CreatedAt)
        .Add("updatedAt", o => o.UpdatedAt)
        .Add("statusChangedAt", o => o.StatusChangedAt)
        .Add("number", o => o.Number);

    [RequiresPermission(WorkOrdersPermissions.Read)]
    internal sealed class Handler(WorkOrderAccess access)
    {
        public async Task<Page<WorkOrderSummary>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            var statuses = query.Status?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            new Rules()
                .Check(statuses.All(WorkOrderStatuses.IsKnown), "status", $"takes a comma-separated list of: {string.Join(", ", WorkOrderStatuses.All)}.")
                .ThrowIfInvalid();
            var orders = access.Visible().AsNoTracking();
            if (statuses.Length > 0)
            {
                orders = orders.Where(o => statuses.Contains(o.Status));
            }

            if (query.ContactId is { } contact)
            {
                orders = orders.Where(o => o.ContactId == contact);
            }

            if (query.VehicleId is { } vehicle)
            {
                orders = orders.Where(o => o.VehicleId == vehicle);
            }

            if (query.MechanicId is { } mechanic)
            {
                orders = orders.Where(o => o.MechanicId == mechanic);
            }

            var page = await orders.ToPageAsync(PageRequest.From(query.Limit, query.Cursor, query.Sort), Sorts, cancellationToken);
            return page.Map(WorkOrderSummary.From);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/work-orders", async Task<Ok<Page<WorkOrderSummary>>> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(query, ct)))
        .WithName("ListWorkOrders")
        .WithSummary("Work orders in keyset pages, newest first; filter by status (comma-separated), contactId, vehicleId (a vehicle's history) or mechanicId; sort createdAt, updatedAt, statusChangedAt, number (- for descending). A mechanic sees only their own");

    internal sealed record VehicleQuery(string? Status, int? Limit, string? Cursor, string? Sort);

    internal static void MapVehicleHistory(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/vehicles/{vehicleId:guid}/work-orders", async Task<Ok<Page<WorkOrderSummary>>> (Guid vehicleId, [AsParameters] VehicleQuery query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(new Query(query.Status, null, vehicleId, null, query.Limit, query.Cursor, query.Sort), ct)))
        .WithName("ListVehicleWorkOrders")
        .WithSummary("A vehicle's work order history, newest first (the same pages and filters as the work order list); a vehicle with no orders, or another tenant's, gives an empty page");
}

internal static class ChangeWorkOrderStatus
{
    [RequiresPermission(WorkOrdersPermissions.Write)]
    internal sealed class Handler(WorkOrdersDbContext db, WorkOrderAccess access, WorkOrderFlow flow, WorkOrderReader reader, Outbox outbox)
    {
        /// <summary>
        /// Closing an order (delivered, cancelled) gives its reserved stock back in the Inventory's own transaction before
        /// the order is saved. When that save loses a race with another write to the order, the stock is back already, so
        /// the move is made again on the fresh order (checked again, a 409 if no longer allowed) rather than answering a 412
        /// that would leave an open order listing parts the Inventory no longer holds for it.
        /// </summary>
        public async Task<WorkOrderView> HandleAsync(Guid orderId, ChangeWorkOrderStatusInput input, long? expectedVersion, CancellationToken cancellationToken)
        {
            var order = await access.FindAsync(orderId, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, order.Version);
            for (var attempt = 1; ; attempt++)
            {
                await flow.MoveAsync(order, input.Status, input.Reason, input.ScheduledAt, cancellationToken);
                try
                {
                    await outbox.SaveChangesAsync(db, cancellationToken);
                    return await reader.ViewAsync(order, cancellationToken);
                }
                catch (ConcurrencyException) when (WorkOrderStatuses.IsClosed(input.Status!) && attempt < PartReservations.MaxSaveAttempts)
                {
                    db.ChangeTracker.Clear();
                    order = await access.FindAsync(orderId, cancellationToken);
                }
            }
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/workshop/work-orders/{orderId:guid}/status", async Task<Ok<WorkOrderView>> (Guid orderId, ChangeWorkOrderStatusInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var order = await handler.HandleAsync(orderId, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(order.Version);
            return TypedResults.Ok(order);
        })
        .WithName("ChangeWorkOrderStatus")
        .WithRequestExample(new { status = "cancelled", reason = "Клиент передумал" })
        .WithSummary("Move a work order to another status; a move the flow does not allow is a 409 illegal-status-transition naming the allowed ones; cancelling releases reserved parts; raises work_order.status_changed");
}

internal static class ListWorkOrderEntries
{
    internal sealed record Query(Guid? StageId, int? Limit, string? Cursor);

    public static readonly SortFields<WorkOrderEntry> Sorts = new SortFields<WorkOrderEntry>("-at").Add("at", e => e.CreatedAt);

    [RequiresPermission(WorkOrdersPermissions.Read)]
    internal sealed class Handler(WorkOrdersDbContext db, WorkOrderAccess access)
    {
        public async Task<Page<WorkOrderEntryView>> HandleAsync(Guid orderId, Query query, CancellationToken cancellationToken)
        {
            var order = await access.FindAsync(orderId, cancellationToken);
            var entries = db.Entries.AsNoTracking().Where(e => e.OrderId == order.Id);
            if (query.StageId is { } stage)
            {
                entries = entries.Where(e => e.StageId == stage);
            }

            var page = await entries.ToPageAsync(PageRequest.From(query.Limit, query.Cursor, null), Sorts, cancellationToken);
            return page.Map(WorkOrderEntryView.From);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/work-orders/{orderId:guid}/timeline", async Task<Ok<Page<WorkOrderEntryView>>> (Guid orderId, [AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(orderId, query, ct)))
        .WithName("ListWorkOrderTimeline")
        .WithSummary("An order's timeline, newest first in keyset pages: every change, comment and attachment with who made it and when; stageId narrows it to one stage");
}
