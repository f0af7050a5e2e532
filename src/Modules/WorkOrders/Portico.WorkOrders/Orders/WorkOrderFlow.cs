using Portico.Data.Events;
using Portico.WorkOrders.Contracts;

namespace Portico.WorkOrders.Orders;

/// <summary>
/// Moves work orders through <see cref="WorkOrderStatuses"/>: checks the move is allowed (409 naming what is allowed
/// next), applies what the move means (the estimate's lines approved, the start and ready times, reservations released
/// on cancellation, open stages refused at "ready"), writes the timeline and raises <c>work_order.status_changed</c>.
/// Staff moves, the client's approval and the automatic moves of stage work all come through <see cref="MoveAsync"/>.
/// </summary>
internal sealed class WorkOrderFlow(WorkOrdersDbContext db, OrderJournal journal, Outbox outbox, PartReservations reservations, TrackingLinks links, Garage.GarageLinks garages, TimeProvider clock)
{
    public async Task MoveAsync(WorkOrder order, string? to, string? reason, DateTimeOffset? scheduledAt, CancellationToken cancellationToken)
    {
        new Rules()
            .Check(WorkOrderStatuses.IsKnown(to), "status", $"must be one of: {string.Join(", ", WorkOrderStatuses.All)}.")
            .Check(reason is null || reason.Length <= 1000, "reason", "must be at most 1000 characters.")
            .ThrowIfInvalid();
        if (!WorkOrderStatuses.CanMove(order.Status, to!))
        {
            var allowed = WorkOrderStatuses.AllowedAfter(order.Status);
            throw new ConflictException(
                $"A work order cannot go from {order.Status} to {to}." + (allowed.Count == 0 ? " It is closed." : $" Next can be: {string.Join(", ", allowed)}."),
                WorkOrderStatuses.IllegalCode)
            {
                Members = new Dictionary<string, object?> { ["current"] = order.Status, ["allowed"] = allowed },
            };
        }

        var now = clock.GetUtcNow();
        var lines = await db.Lines.Where(l => l.OrderId == order.Id).ToListAsync(cancellationToken);
        switch (to)
        {
            case WorkOrderStatuses.EstimateSent:
                Require(lines.Count > 0, "The estimate has no services yet.", "estimate-empty");
                order.EstimateSentAt = now;
                break;
            case WorkOrderStatuses.Approved:
                Require(lines.Any(l => l.Approval != Approvals.Declined), "Every line of the estimate was declined: nothing to approve. Change the estimate or cancel the order.", "estimate-declined");
                foreach (var line in lines.Where(l => l.Approval == Approvals.Pending))
                {
                    line.Approval = Approvals.Approved;
                    line.DecidedAt = now;
                    line.DecidedBy = journal.ActorOverride ?? order.ApprovedBy;
                }

                order.ApprovedAt = now;
                order.ApprovedBy ??= journal.ActorOverride ?? "staff";
                break;
            case WorkOrderStatuses.Scheduled:
                order.ScheduledAt = scheduledAt ?? order.ScheduledAt;
                Require(order.ScheduledAt is not null, "Say when the car is booked in: scheduledAt.", "schedule-missing");
                break;
            case WorkOrderStatuses.InProgress:
                order.StartedAt ??= now;
                break;
            case WorkOrderStatuses.Ready:
                var openIds = await db.Stages.Where(s => s.OrderId == order.Id && (s.Status == StageStatuses.Pending || s.Status == StageStatuses.InProgress))
                    .Select(s => s.Id).ToListAsync(cancellationToken);
                // A stage closed in this same unit of work (the last stage being completed) is not open any more.
                var local = db.Stages.Local.ToDictionary(s => s.Id);
                var open = openIds.Count(id => !local.TryGetValue(id, out var stage) || StageStatuses.IsOpen(stage.Status));
                Require(open == 0, $"{open} stage(s) are not done yet: complete or skip them first.", "stages-open");
                order.ReadyAt = now;
                break;
            case WorkOrderStatuses.Delivered:
                order.DeliveredAt = now;
                // What was reserved and never used goes back to stock.
                await reservations.ReleaseAllAsync(order, await db.Parts.Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken), cancellationToken);
                break;
            case WorkOrderStatuses.Cancelled:
                order.CancelledAt = now;
                order.CancelReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
                await reservations.ReleaseAllAsync(order, await db.Parts.Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken), cancellationToken);
                break;
        }

        var from = order.Status;
        order.Status = to!;
        order.StatusChangedAt = now;
        if (to == WorkOrderStatuses.Approved || from == WorkOrderStatuses.Draft)
        {
            WorkOrderTotals.Apply(order, lines, await db.Parts.Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken));
        }

        await journal.NameActorAsync(cancellationToken);
        journal.Add(order, EntryKinds.StatusChanged, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), new { from, to }, shared: true);
        outbox.Publish(new WorkOrderStatusChanged(
            order.Id, order.Number, from, to!, order.VehicleLabel, Crm.Contracts.MinorUnits.View(order.TotalMinor, order.Currency).Amount, order.Currency,
            links.PageFor(order.TenantId, order.Id), order.CancelReason, WorkOrderBuilder.ContactOf(order), garages.PageFor(order.TenantId, order.ContactId)));
    }

    private static void Require(bool condition, string message, string code)
    {
        if (!condition)
        {
            throw new ConflictException(message, code);
        }
    }
}
