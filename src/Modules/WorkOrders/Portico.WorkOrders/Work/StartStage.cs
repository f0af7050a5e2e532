using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders.Contracts;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Work;

/// <summary>
/// A mechanic starts a pending stage of an order that can be worked on; the first stage started moves an approved or
/// scheduled order to in_progress (through the status flow, so the client hears of it). Two people starting the same stage
/// at once: the second gets a 412 from the stage's version.
/// </summary>
internal static class StartStage
{
    [RequiresPermission(WorkOrdersPermissions.Work)]
    internal sealed class Handler(WorkOrdersDbContext db, StageWork work, WorkOrderFlow flow, OrderJournal journal, Outbox outbox, TimeProvider clock)
    {
        public async Task<WorkOrderStageView> HandleAsync(Guid orderId, Guid stageId, long? expectedVersion, CancellationToken cancellationToken)
        {
            var (order, stage) = await work.FindAsync(orderId, stageId, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, stage.Version);
            StageWork.RequireWorkable(order);
            if (stage.Status != StageStatuses.Pending)
            {
                throw new ConflictException($"The stage is {stage.Status}: only a pending stage can be started.", StageWork.StageNotPendingCode)
                {
                    Members = new Dictionary<string, object?> { ["current"] = stage.Status },
                };
            }

            stage.Status = StageStatuses.InProgress;
            stage.StartedAt = clock.GetUtcNow();
            if (order.Status is WorkOrderStatuses.Approved or WorkOrderStatuses.Scheduled)
            {
                await flow.MoveAsync(order, WorkOrderStatuses.InProgress, null, null, cancellationToken);
            }

            await journal.NameActorAsync(cancellationToken);
            journal.Add(order, EntryKinds.StageStarted, StageWork.NameOf(stage), new { stageId = stage.Id }, stage.Id, shared: true);
            outbox.Publish(new WorkOrderStageStarted(order.Id, order.Number, stage.Id, StageWork.NameOf(stage), stage.MechanicId));
            await outbox.SaveChangesAsync(db, cancellationToken);
            return WorkOrderStageView.From(stage);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/workshop/work-orders/{orderId:guid}/stages/{stageId:guid}/start", async Task<Ok<WorkOrderStageView>> (Guid orderId, Guid stageId, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var stage = await handler.HandleAsync(orderId, stageId, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(stage.Version);
            return TypedResults.Ok(stage);
        })
        .WithName("StartWorkOrderStage")
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .WithSummary("Start a pending stage (a mechanic only their own; others' are 404); the first one moves an approved or scheduled order to in_progress; 409 work-order-not-workable or stage-not-pending; raises work_order.stage_started");
}

/// <summary>One checklist item of a stage, ticked or unticked by its index (from 0), with who did it and when.</summary>
internal static class TickChecklistItem
{
    internal sealed record Input(bool? Done);

    [RequiresPermission(WorkOrdersPermissions.Work)]
    internal sealed class Handler(WorkOrdersDbContext db, StageWork work, OrderJournal journal, Outbox outbox, RequestContext request, TimeProvider clock)
    {
        public async Task<WorkOrderStageView> HandleAsync(Guid orderId, Guid stageId, int index, Input input, long? expectedVersion, CancellationToken cancellationToken)
        {
            var (order, stage) = await work.FindAsync(orderId, stageId, cancellationToken);
            var items = WorkOrderStageView.ChecklistOf(stage);
            new Rules()
                .Check(input.Done is not null, "done", "is required: true ticks the item, false unticks it.")
                .Check(index >= 0 && index < items.Count, "index", items.Count == 0 ? "The stage has no checklist." : $"must be from 0 to {items.Count - 1}.")
                .ThrowIfInvalid();
            ApiConventions.CheckVersion(expectedVersion, stage.Version);
            StageWork.RequireWorkable(order);
            StageWork.RequireStageOpen(stage);
            var done = input.Done!.Value;
            if (items[index].Done != done)
            {
                items[index] = items[index] with { Done = done, DoneAt = done ? clock.GetUtcNow() : null, DoneBy = done ? request.UserId : null };
                stage.Checklist = WorkOrderStageView.ChecklistJson(items);
                await journal.NameActorAsync(cancellationToken);
                journal.Add(order, EntryKinds.ChecklistTicked, items[index].Text, new { index, done }, stage.Id);
                await outbox.SaveChangesAsync(db, cancellationToken);
            }

            return WorkOrderStageView.From(stage);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/workshop/work-orders/{orderId:guid}/stages/{stageId:guid}/checklist/{index:int}", async Task<Ok<WorkOrderStageView>> (Guid orderId, Guid stageId, int index, Input input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var stage = await handler.HandleAsync(orderId, stageId, index, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(stage.Version);
            return TypedResults.Ok(stage);
        })
        .WithName("TickWorkOrderChecklistItem")
        .WithRequestExample(new { done = true })
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .WithSummary("Tick (done: true) or untick a checklist item of an open stage by its index from 0; 422 for an index the checklist does not have");
}
