using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders.Contracts;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Work;

/// <summary>A comment on a stage: its text and whether the client's tracking page shows it.</summary>
internal sealed record StageCommentInput(string? Text, bool? Shared);

/// <summary>
/// A comment on a stage, as a timeline entry (the client's tracking page shows it when shared). Any order not closed;
/// a mechanic only on their own stages. Raises <c>work_order.stage_comment_added</c>.
/// </summary>
internal static class CommentOnStage
{
    public const int MaxText = 4000;

    [RequiresPermission(WorkOrdersPermissions.Work)]
    internal sealed class Handler(WorkOrdersDbContext db, StageWork work, OrderJournal journal, Outbox outbox)
    {
        public async Task<WorkOrderEntryView> HandleAsync(Guid orderId, Guid stageId, StageCommentInput input, CancellationToken cancellationToken)
        {
            var (order, stage) = await work.FindAsync(orderId, stageId, cancellationToken);
            var text = input.Text?.Trim();
            new Rules()
                .Check(!string.IsNullOrEmpty(text), "text", "is required.")
                .Check(text is null || text.Length <= MaxText, "text", $"must be at most {MaxText} characters.")
                .ThrowIfInvalid();
            StageWork.RequireNotClosed(order);
            var shared = input.Shared ?? false;
            stage.CommentCount++;
            await journal.NameActorAsync(cancellationToken);
            var entry = journal.Add(order, EntryKinds.Comment, text, null, stage.Id, shared);
            outbox.Publish(new WorkOrderStageCommentAdded(order.Id, order.Number, stage.Id, entry.Id, text!, shared, entry.ActorName ?? entry.Actor));
            await outbox.SaveChangesAsync(db, cancellationToken);
            return WorkOrderEntryView.From(entry);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/workshop/work-orders/{orderId:guid}/stages/{stageId:guid}/comments", async Task<Created<WorkOrderEntryView>> (Guid orderId, Guid stageId, StageCommentInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var entry = await handler.HandleAsync(orderId, stageId, input, ct);
            return TypedResults.Created($"/api/v1/tenants/{http.GetRouteValue("tenant")}/workshop/work-orders/{orderId}/timeline?stageId={stageId}", entry);
        })
        .WithName("CommentOnWorkOrderStage")
        .WithRequestExample(new { text = "Диски в норме, колодки стёрты до металла", shared = true })
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .WithSummary("Comment on a stage (1 to 4000 characters); shared: the client's tracking page shows it; 409 on a closed order; raises work_order.stage_comment_added");
}
