namespace Portico.WorkOrders.Orders;

/// <summary>
/// Keeps the queue columns of stages (<see cref="WorkOrderStage.InQueue"/>, <see cref="WorkOrderStage.QueueKey"/>,
/// <see cref="WorkOrderStage.OrderNumber"/>) true on every save of the workshop's context: for stages added or changed,
/// and for every stage of an order whose status, date or number changed. Done at the one place every write passes
/// (<see cref="WorkOrdersDbContext.SaveChangesAsync(bool, CancellationToken)"/>), so no use case can forget it.
/// </summary>
internal static class QueueFields
{
    public static async Task ApplyAsync(WorkOrdersDbContext db, CancellationToken cancellationToken)
    {
        var changedOrders = db.ChangeTracker.Entries<WorkOrder>()
            .Where(e => e.State == EntityState.Added
                || (e.State == EntityState.Modified && (e.Property(o => o.Status).IsModified || e.Property(o => o.ScheduledAt).IsModified || e.Property(o => o.Number).IsModified)))
            .Select(e => e.Entity)
            .ToList();
        foreach (var order in changedOrders.Where(o => db.Entry(o).State == EntityState.Modified))
        {
            await db.Stages.Where(s => s.OrderId == order.Id).LoadAsync(cancellationToken);
        }

        var orderIds = changedOrders.Select(o => o.Id).ToHashSet();
        var stages = db.ChangeTracker.Entries<WorkOrderStage>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified || (e.State == EntityState.Unchanged && orderIds.Contains(e.Entity.OrderId)))
            .Select(e => e.Entity)
            .ToList();
        if (stages.Count == 0)
        {
            return;
        }

        var orders = db.ChangeTracker.Entries<WorkOrder>().Where(e => e.State != EntityState.Deleted).ToDictionary(e => e.Entity.Id, e => e.Entity);
        foreach (var missing in stages.Select(s => s.OrderId).Distinct().Where(id => !orders.ContainsKey(id)).ToList())
        {
            orders[missing] = await db.Orders.FirstAsync(o => o.Id == missing, cancellationToken);
        }

        foreach (var stage in stages)
        {
            var order = orders[stage.OrderId];
            var inQueue = WorkOrderStatuses.IsWorkable(order.Status) && StageStatuses.IsOpen(stage.Status);
            var key = order.ScheduledAt?.ToUnixTimeMilliseconds() ?? long.MaxValue;
            // Assigned only when different, so an unchanged stage is not written.
            if (stage.InQueue != inQueue)
            {
                stage.InQueue = inQueue;
            }

            if (stage.QueueKey != key)
            {
                stage.QueueKey = key;
            }

            if (stage.OrderNumber != order.Number)
            {
                stage.OrderNumber = order.Number;
            }
        }
    }
}
