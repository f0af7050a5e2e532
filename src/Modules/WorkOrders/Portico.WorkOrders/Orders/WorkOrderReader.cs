namespace Portico.WorkOrders.Orders;

/// <summary>Builds the whole view of an order: its lines, stages and parts in three indexed reads.</summary>
internal sealed class WorkOrderReader(WorkOrdersDbContext db, TrackingLinks links)
{
    public async Task<WorkOrderView> ViewAsync(WorkOrder order, CancellationToken cancellationToken)
    {
        var lines = await db.Lines.AsNoTracking().Where(l => l.OrderId == order.Id).ToListAsync(cancellationToken);
        var stages = await db.Stages.AsNoTracking().Where(s => s.OrderId == order.Id).ToListAsync(cancellationToken);
        var parts = await db.Parts.AsNoTracking().Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken);
        return WorkOrderView.From(order, lines, stages, parts, links.PageFor(order.TenantId, order.Id));
    }
}
