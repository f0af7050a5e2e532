using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Work;

/// <summary>
/// What every use case on a stage starts with: the order as the caller may see it and the stage as the caller may work
/// on it (a mechanic only on their own; anything else answers 404 as if it did not exist), and the state rules shared by
/// the stage's use cases (the order workable or at least not closed, the stage open or started), each a 409 with its code.
/// </summary>
internal sealed class StageWork(WorkOrdersDbContext db, WorkOrderAccess access)
{
    public const string NotWorkableCode = "work-order-not-workable";
    public const string ClosedCode = "work-order-closed";
    public const string StageNotPendingCode = "stage-not-pending";
    public const string StageNotStartedCode = "stage-not-started";
    public const string StageClosedCode = "stage-closed";

    /// <summary>The order and one of its stages; 404 when the caller cannot see the order or may not work on the stage.</summary>
    public async Task<(WorkOrder Order, WorkOrderStage Stage)> FindAsync(Guid orderId, Guid stageId, CancellationToken cancellationToken)
    {
        var order = await access.FindAsync(orderId, cancellationToken);
        var stage = await db.Stages.FirstOrDefaultAsync(s => s.Id == stageId && s.OrderId == order.Id, cancellationToken);
        if (stage is null || !access.MayWorkOn(stage))
        {
            throw new NotFoundException("WorkOrderStage", stageId);
        }

        return (order, stage);
    }

    /// <summary>Stages are started, ticked, completed and parts consumed only while the order is approved and not yet ready.</summary>
    public static void RequireWorkable(WorkOrder order)
    {
        if (!WorkOrderStatuses.IsWorkable(order.Status))
        {
            throw new ConflictException(
                $"The work order is {order.Status}: stages are worked on only once it is approved and until it is ready.", NotWorkableCode)
            {
                Members = new Dictionary<string, object?> { ["current"] = order.Status },
            };
        }
    }

    /// <summary>A delivered or cancelled order takes no more changes (comments, attachments, assignments).</summary>
    public static void RequireNotClosed(WorkOrder order)
    {
        if (WorkOrderStatuses.IsClosed(order.Status))
        {
            throw new ConflictException($"The work order is {order.Status}: it takes no more changes.", ClosedCode)
            {
                Members = new Dictionary<string, object?> { ["current"] = order.Status },
            };
        }
    }

    /// <summary>A stage done or skipped takes no more work.</summary>
    public static void RequireStageOpen(WorkOrderStage stage)
    {
        if (!StageStatuses.IsOpen(stage.Status))
        {
            throw new ConflictException($"The stage is {stage.Status}: it takes no more work.", StageClosedCode)
            {
                Members = new Dictionary<string, object?> { ["current"] = stage.Status },
            };
        }
    }

    /// <summary>The stage's name as timelines and events show it: Russian first (the workshop's language), else English.</summary>
    public static string NameOf(WorkOrderStage stage) => stage.NameRu ?? stage.NameEn ?? $"#{stage.Position + 1}";

    /// <summary>A quantity in thousandths, or null when it has more than 3 decimals or is out of range.</summary>
    public static long? MilliOf(decimal quantity) =>
        quantity is < 0 or > 1_000_000 || decimal.Round(quantity, 3) != quantity ? null : (long)(quantity * 1000m);
}
