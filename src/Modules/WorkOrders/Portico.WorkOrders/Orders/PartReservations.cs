using Portico.Data.Events;
using Portico.Kernel.Domain;
using Portico.Inventory.Contracts;

namespace Portico.WorkOrders.Orders;

/// <summary>
/// An order's parts against the Inventory: reserve what the stock covers (the rest is short: waiting for parts),
/// release what is reserved (a cancelled order, a declined line, a removed part), consume at a stage's completion. Each
/// Inventory call is its own transaction there (stock never goes negative, also under concurrency); the parts' states
/// and the timeline are saved here afterwards. The one home of these calls.
/// </summary>
internal sealed class PartReservations(WorkOrdersDbContext db, IStockReservations stock, OrderJournal journal, Outbox outbox, TimeProvider clock)
{
    /// <summary>Saves tried by <see cref="SaveAfterStockMovedAsync"/> before the conflict is the caller's.</summary>
    public const int MaxSaveAttempts = 5;

    /// <summary>Reserves each planned or short part; saves the outcome. Returns how many stayed short.</summary>
    public async Task<int> ReserveAsync(WorkOrder order, IEnumerable<WorkOrderPart> parts, CancellationToken cancellationToken)
    {
        var shortCount = 0;
        var reserved = 0;
        foreach (var part in parts.Where(p => p.State is PartStates.Planned or PartStates.Short))
        {
            var missing = part.QuantityMilli - part.ReservedMilli - part.ConsumedMilli;
            if (missing <= 0)
            {
                continue;
            }

            var result = await stock.ReserveAsync(part.ItemId, null, missing / 1000m, StockReference.For(order.Id, part.StageId), cancellationToken);
            if (result.Succeeded)
            {
                part.ReservedMilli += missing;
                part.State = PartStates.Reserved;
                reserved++;
            }
            else
            {
                part.State = PartStates.Short;
                shortCount++;
                journal.Add(order, EntryKinds.PartShort, $"{part.Sku} {part.Name}", new { partId = part.Id, itemId = part.ItemId, quantity = missing / 1000m, available = result.Available }, part.StageId);
            }
        }

        if (reserved > 0)
        {
            journal.Add(order, EntryKinds.PartReserved, data: new { parts = reserved });
        }

        await db.SaveChangesAsync(cancellationToken);
        return shortCount;
    }

    /// <summary>Releases every reservation of the order (cancelled); parts not consumed become released. The caller saves.</summary>
    public async Task ReleaseAllAsync(WorkOrder order, IEnumerable<WorkOrderPart> parts, CancellationToken cancellationToken)
    {
        var released = await stock.ReleaseAsync(StockReference.For(order.Id), cancellationToken);
        foreach (var part in parts.Where(p => p.State is PartStates.Planned or PartStates.Reserved or PartStates.Short))
        {
            part.ReservedMilli = 0;
            part.State = part.ConsumedMilli > 0 ? PartStates.Consumed : PartStates.Released;
        }

        if (released > 0)
        {
            journal.Add(order, EntryKinds.PartsReleased, data: new { quantity = released });
        }
    }

    /// <summary>
    /// Releases what is reserved for these parts' stages (a declined line, a removed stage or part). Reservations are
    /// kept per stage, so this releases the stage's whole reservation and re-reserves what other parts of the stage still
    /// need. The caller saves.
    /// </summary>
    public async Task ReleaseAsync(WorkOrder order, IReadOnlyCollection<WorkOrderPart> released, IEnumerable<WorkOrderPart> all, CancellationToken cancellationToken)
    {
        var stages = released.Where(p => p.ReservedMilli > 0).Select(p => p.StageId).Distinct().ToList();
        var quantity = 0m;
        foreach (var stageId in stages)
        {
            quantity += await stock.ReleaseAsync(StockReference.For(order.Id, stageId), cancellationToken);
        }

        foreach (var part in released)
        {
            part.ReservedMilli = 0;
            part.State = part.ConsumedMilli > 0 ? PartStates.Consumed : PartStates.Released;
        }

        if (quantity > 0)
        {
            journal.Add(order, EntryKinds.PartsReleased, data: new { quantity });
        }

        var keep = all.Where(p => stages.Contains(p.StageId) && !released.Contains(p) && p.State == PartStates.Reserved).ToList();
        foreach (var part in keep)
        {
            part.ReservedMilli = 0;
            part.State = PartStates.Planned;
        }

        if (keep.Count > 0)
        {
            await ReserveAsync(order, keep, cancellationToken);
        }
    }

    /// <summary>
    /// Consumes a part (its reservation first, then free stock): <paramref name="quantityMilli"/> defaults to what the
    /// order planned less what was consumed. Refused (false, nothing changed) when the stock does not cover it. The
    /// caller saves.
    /// </summary>
    public async Task<ReservationResult> ConsumeAsync(WorkOrder order, WorkOrderPart part, long quantityMilli, CancellationToken cancellationToken)
    {
        var result = await stock.ConsumeAsync(StockReference.For(order.Id, part.StageId), part.ItemId, quantityMilli / 1000m, cancellationToken);
        if (!result.Succeeded)
        {
            return result;
        }

        part.ConsumedMilli += quantityMilli;
        part.ConsumedAt = clock.GetUtcNow();
        part.ReservedMilli = Math.Max(0, part.ReservedMilli - quantityMilli);
        part.QuantityMilli = Math.Max(part.QuantityMilli, part.ConsumedMilli);
        part.State = PartStates.Consumed;
        journal.Add(order, EntryKinds.PartConsumed, $"{part.Sku} {part.Name}", new { partId = part.Id, itemId = part.ItemId, quantity = quantityMilli / 1000m }, part.StageId);
        return result;
    }

    /// <summary>
    /// Saves the unit of work that follows Inventory calls. The stock's own transactions are committed by then, so a
    /// concurrent write to the order's row (a second mechanic completing another stage in the same instant, a member
    /// editing the order) must not undo this save while the stock stays moved: the order is reloaded and the save tried
    /// again. <paramref name="prepare"/> runs before each attempt and sets everything the unit derives on the order
    /// (totals through <see cref="RetotalAsync"/>, progress) and raises its events: a failed save drops the outbox's
    /// events, and the reload drops the order's derived fields.
    /// </summary>
    public async Task SaveAfterStockMovedAsync(WorkOrder order, Func<Task> prepare, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await prepare();
            try
            {
                await outbox.SaveChangesAsync(db, cancellationToken);
                return;
            }
            catch (ConcurrencyException) when (attempt < MaxSaveAttempts)
            {
                // Only the order's row is merged this way: a conflicting part or stage fails again and ends the loop.
                await db.Entry(order).ReloadAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Recomputes the order's totals from its lines and parts as they are in the database now, with this unit of work's
    /// own added, changed and removed lines and parts in place of theirs.
    /// </summary>
    public async Task RetotalAsync(WorkOrder order, CancellationToken cancellationToken)
    {
        var lines = Merge(await db.Lines.AsNoTracking().Where(l => l.OrderId == order.Id).ToListAsync(cancellationToken), l => l.OrderId == order.Id);
        var parts = Merge(await db.Parts.AsNoTracking().Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken), p => p.OrderId == order.Id);
        WorkOrderTotals.Apply(order, lines, parts);
    }

    /// <summary>Totals (<see cref="RetotalAsync"/>) and progress, from the stages as stored with this unit's own in place.</summary>
    public async Task RecountAsync(WorkOrder order, CancellationToken cancellationToken)
    {
        await RetotalAsync(order, cancellationToken);
        var stages = Merge(await db.Stages.AsNoTracking().Where(s => s.OrderId == order.Id).ToListAsync(cancellationToken), s => s.OrderId == order.Id);
        order.CountStages(stages);
    }

    private List<T> Merge<T>(List<T> stored, Func<T, bool> ofOrder)
        where T : Entity
    {
        var mine = db.ChangeTracker.Entries<T>().Where(e => ofOrder(e.Entity) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        var ids = mine.Select(e => e.Entity.Id).ToHashSet();
        return [.. stored.Where(row => !ids.Contains(row.Id)), .. mine.Where(e => e.State != EntityState.Deleted).Select(e => e.Entity)];
    }
}
