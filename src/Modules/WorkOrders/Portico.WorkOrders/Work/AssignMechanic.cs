using Portico.Data.Events;
using Portico.Identity.Contracts;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders.Contracts;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Work;

/// <summary>Who works on an order or a stage: a member's user id (Mechanic, Manager, Admin or Owner), or null.</summary>
internal sealed record AssignMechanicInput(Guid? MechanicId);

/// <summary>
/// Assigns a mechanic to a whole order: the order's mechanic, and the mechanic of every open stage that has no mechanic
/// of its own (stages done keep who did them). Null takes the order's mechanic away. Timeline and
/// <c>work_order.mechanic_assigned</c> (the mechanic is told by default).
/// </summary>
internal static class AssignWorkOrderMechanic
{
    [RequiresPermission(WorkOrdersPermissions.Write)]
    internal sealed class Handler(
        WorkOrdersDbContext db, WorkOrderAccess access, OrderJournal journal, Outbox outbox, IUserDirectory users, WorkOrderReader reader)
    {
        public async Task<WorkOrderView> HandleAsync(Guid orderId, AssignMechanicInput input, long? expectedVersion, CancellationToken cancellationToken)
        {
            var order = await access.FindAsync(orderId, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, order.Version);
            StageWork.RequireNotClosed(order);
            var mechanic = input.MechanicId is { } id && id != Guid.Empty ? id : (Guid?)null;
            if (mechanic is { } assigned)
            {
                await access.CheckAssignableAsync(assigned, "mechanicId", cancellationToken);
            }

            var previous = order.MechanicId;
            if (previous != mechanic)
            {
                order.MechanicId = mechanic;
                var stages = await db.Stages.Where(s => s.OrderId == order.Id && !s.MechanicAssignedDirectly).ToListAsync(cancellationToken);
                foreach (var stage in stages.Where(s => StageStatuses.IsOpen(s.Status)))
                {
                    stage.MechanicId = mechanic;
                }

                await journal.NameActorAsync(cancellationToken);
                journal.Add(order, EntryKinds.MechanicAssigned, await MechanicNames.NameAsync(users, mechanic, cancellationToken), new { mechanicId = mechanic, previousMechanicId = previous });
                outbox.Publish(new WorkOrderMechanicAssigned(order.Id, order.Number, null, null, mechanic, previous, order.VehicleLabel));
                await outbox.SaveChangesAsync(db, cancellationToken);
            }

            return await reader.ViewAsync(order, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/workshop/work-orders/{orderId:guid}/assign", async Task<Ok<WorkOrderView>> (Guid orderId, AssignMechanicInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var order = await handler.HandleAsync(orderId, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(order.Version);
            return TypedResults.Ok(order);
        })
        .WithName("AssignWorkOrderMechanic")
        .WithRequestExample(new { mechanicId = "0193a1f2-7c3e-7d4a-9b1c-2f3e4d5a6b7c" })
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .WithSummary("Assign a mechanic (a member with the Mechanic, Manager, Admin or Owner role) to the whole order: its open stages without a mechanic of their own follow; null unassigns; 409 work-order-closed on a delivered or cancelled order; raises work_order.mechanic_assigned");
}

/// <summary>
/// Assigns a mechanic to one open stage (it keeps them when the order's mechanic changes); null gives the stage back to
/// the order's mechanic. Timeline and <c>work_order.mechanic_assigned</c> with the stage.
/// </summary>
internal static class AssignStageMechanic
{
    [RequiresPermission(WorkOrdersPermissions.Write)]
    internal sealed class Handler(
        WorkOrdersDbContext db, WorkOrderAccess access, OrderJournal journal, Outbox outbox, IUserDirectory users, WorkOrderReader reader)
    {
        public async Task<WorkOrderView> HandleAsync(Guid orderId, Guid stageId, AssignMechanicInput input, CancellationToken cancellationToken)
        {
            var order = await access.FindAsync(orderId, cancellationToken);
            var stage = await db.Stages.FirstOrDefaultAsync(s => s.Id == stageId && s.OrderId == order.Id, cancellationToken)
                ?? throw new NotFoundException("WorkOrderStage", stageId);
            StageWork.RequireNotClosed(order);
            StageWork.RequireStageOpen(stage);
            var mechanic = input.MechanicId is { } id && id != Guid.Empty ? id : (Guid?)null;
            if (mechanic is { } assigned)
            {
                await access.CheckAssignableAsync(assigned, "mechanicId", cancellationToken);
            }

            var previous = stage.MechanicId;
            var effective = mechanic ?? order.MechanicId;
            if (previous != effective || stage.MechanicAssignedDirectly != mechanic.HasValue)
            {
                stage.MechanicId = effective;
                stage.MechanicAssignedDirectly = mechanic.HasValue;
                await journal.NameActorAsync(cancellationToken);
                journal.Add(
                    order, EntryKinds.MechanicAssigned, await MechanicNames.NameAsync(users, effective, cancellationToken),
                    new { mechanicId = effective, previousMechanicId = previous, direct = mechanic.HasValue, stage = StageWork.NameOf(stage) }, stage.Id);
                outbox.Publish(new WorkOrderMechanicAssigned(order.Id, order.Number, stage.Id, StageWork.NameOf(stage), effective, previous, order.VehicleLabel));
                await outbox.SaveChangesAsync(db, cancellationToken);
            }

            return await reader.ViewAsync(order, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/workshop/work-orders/{orderId:guid}/stages/{stageId:guid}/assign", async Task<Ok<WorkOrderView>> (Guid orderId, Guid stageId, AssignMechanicInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var order = await handler.HandleAsync(orderId, stageId, input, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(order.Version);
            return TypedResults.Ok(order);
        })
        .WithName("AssignStageMechanic")
        .WithRequestExample(new { mechanicId = "0193a1f2-7c3e-7d4a-9b1c-2f3e4d5a6b7c" })
        .WithSummary("Assign a mechanic to one open stage (kept when the order's mechanic changes); null gives the stage back to the order's mechanic; 409 on a closed order or a stage done; raises work_order.mechanic_assigned");
}

/// <summary>Names mechanics for timeline entries, so the timeline reads without another lookup.</summary>
internal static class MechanicNames
{
    public static async Task<string?> NameAsync(IUserDirectory users, Guid? userId, CancellationToken cancellationToken) =>
        userId is { } id && (await users.FindByIdsAsync([id], cancellationToken)) is [var user, ..] ? user.FullName : null;
}
