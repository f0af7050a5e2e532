using Portico.Kernel.Events;

namespace Portico.WorkOrders.Contracts;

/// <summary>
/// A work order was opened for a client's car. Real time: <c>work-order-created</c>, in the tenant's room and
/// <c>order:{id}</c>. <paramref name="TrackingUrl"/> is the client's signed tracking page.
/// </summary>
[EventType("work_order.created", RealtimeName = "work-order-created", Description = "A work order was opened for a client's vehicle.")]
public sealed record WorkOrderCreated(
    Guid OrderId, long Number, string Status, Guid ContactId, Guid VehicleId, string VehicleLabel, string Total, string Currency, string TrackingUrl,
    EventContact? Contact) : IContactEvent, IRoomScopedEvent
{
    public IEnumerable<string> Rooms => [$"order:{OrderId:D}"];
}

/// <summary>
/// A work order moved to another status (<c>draft</c>, <c>estimate_sent</c>, <c>approved</c>, <c>scheduled</c>,
/// <c>in_progress</c>, <c>waiting_for_parts</c>, <c>ready</c>, <c>delivered</c>, <c>cancelled</c>). The client's default
/// notifications hang on this one. Real time: <c>work-order-status-changed</c>. <paramref name="GarageUrl"/> is the
/// client's signed page of all their cars and orders.
/// </summary>
[EventType("work_order.status_changed", RealtimeName = "work-order-status-changed", Description = "A work order moved to another status; the client is told by default.")]
public sealed record WorkOrderStatusChanged(
    Guid OrderId, long Number, string From, string To, string VehicleLabel, string Total, string Currency, string TrackingUrl, string? Reason,
    EventContact? Contact, string? GarageUrl = null) : IContactEvent, IRoomScopedEvent
{
    public IEnumerable<string> Rooms => [$"order:{OrderId:D}"];
}

/// <summary>
/// A mechanic was assigned to a whole work order (<paramref name="StageId"/> null) or to one stage, or reassigned.
/// The mechanic is told by default. Real time: <c>work-order-mechanic-assigned</c>, also in <c>mechanic:{id}</c>.
/// </summary>
[EventType("work_order.mechanic_assigned", RealtimeName = "work-order-mechanic-assigned", Description = "A mechanic was assigned (or reassigned) to a work order or one of its stages.")]
public sealed record WorkOrderMechanicAssigned(
    Guid OrderId, long Number, Guid? StageId, string? StageName, Guid? MechanicId, Guid? PreviousMechanicId, string VehicleLabel)
    : IAssignedEvent, IRoomScopedEvent
{
    public Guid? AssigneeUserId => MechanicId;

    public IEnumerable<string> Rooms => MechanicId is { } id ? [$"order:{OrderId:D}", $"mechanic:{id:D}"] : [$"order:{OrderId:D}"];
}

/// <summary>A mechanic started a stage. Real time: <c>work-order-stage-started</c>.</summary>
[EventType("work_order.stage_started", RealtimeName = "work-order-stage-started", Description = "A mechanic started a stage of a work order.")]
public sealed record WorkOrderStageStarted(Guid OrderId, long Number, Guid StageId, string StageName, Guid? MechanicId) : IRoomScopedEvent
{
    public IEnumerable<string> Rooms => [$"order:{OrderId:D}"];
}

/// <summary>
/// A stage was completed, with the time it took against the time expected, and how far the chain is. Real time:
/// <c>work-order-stage-completed</c>.
/// </summary>
[EventType("work_order.stage_completed", RealtimeName = "work-order-stage-completed", Description = "A stage of a work order was completed, with the actual and expected time.")]
public sealed record WorkOrderStageCompleted(
    Guid OrderId, long Number, Guid StageId, string StageName, Guid? MechanicId, int ActualMinutes, int ExpectedMinutes, int StagesDone, int StageCount)
    : IRoomScopedEvent
{
    public IEnumerable<string> Rooms => [$"order:{OrderId:D}"];
}

/// <summary>A comment was written on a stage (or the order). <paramref name="Shared"/>: the client sees it. Real time: <c>work-order-stage-comment-added</c>.</summary>
[EventType("work_order.stage_comment_added", RealtimeName = "work-order-stage-comment-added", Description = "A comment was added to a work order stage.")]
public sealed record WorkOrderStageCommentAdded(Guid OrderId, long Number, Guid? StageId, Guid EntryId, string Text, bool Shared, string Author) : IRoomScopedEvent
{
    public IEnumerable<string> Rooms => [$"order:{OrderId:D}"];
}

/// <summary>A photo or document was attached to a stage (or the order). Real time: <c>work-order-stage-attachment-uploaded</c>.</summary>
[EventType("work_order.stage_attachment_uploaded", RealtimeName = "work-order-stage-attachment-uploaded", Description = "A photo or PDF was attached to a work order stage.")]
public sealed record WorkOrderStageAttachmentUploaded(
    Guid OrderId, long Number, Guid? StageId, Guid EntryId, Guid FileId, string FileName, string ContentType, bool Shared) : IRoomScopedEvent
{
    public IEnumerable<string> Rooms => [$"order:{OrderId:D}"];
}
