namespace Portico.WorkOrders.Orders;

/// <summary>
/// A new work order: the client (a CRM contact) and their vehicle, one or more repair services (by Catalog service id,
/// with an optional discount on the labour), what the client says is wrong, the odometer, and optionally the mechanic
/// and dates. The stage chain and parts come from the services' current templates; <c>reserveParts</c> (default true)
/// reserves the parts right away.
/// </summary>
internal sealed record CreateWorkOrderInput(
    Guid? ContactId, Guid? VehicleId, IReadOnlyList<WorkOrderServiceInput>? Services, string? Complaint, string? Notes, long? Odometer,
    Guid? MechanicId, DateTimeOffset? ScheduledAt, DateTimeOffset? PromisedAt, bool? ReserveParts);

/// <summary>A service on a new order: its Catalog id and an optional discount on its labour (an amount, such as "500.00").</summary>
internal sealed record WorkOrderServiceInput(Guid? ServiceId, string? Discount);

/// <summary>
/// A move to another status. <c>reason</c> is kept for a cancellation (and shown on the timeline otherwise);
/// <c>scheduledAt</c> is required to schedule an order that has no date yet.
/// </summary>
internal sealed record ChangeWorkOrderStatusInput(string? Status, string? Reason, DateTimeOffset? ScheduledAt);
