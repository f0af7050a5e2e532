using Portico.Data;
using Portico.Data.Events;
using Portico.Inventory.Contracts;
using Portico.Inventory.Items;
using Portico.Inventory.Locations;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Inventory.Stock;

/// <summary>409 <c>insufficient-stock</c>: the stock does not cover the quantity; <c>available</c> says what does.</summary>
internal sealed class InsufficientStockException(decimal available, string unit)
    : PorticoProblemException("Insufficient stock", $"Only {available:0.###} {unit} available.")
{
    public const string ProblemCode = "insufficient-stock";

    public decimal Available { get; } = available;

    public override int Status => 409;

    public override string Code => ProblemCode;

    public override IReadOnlyDictionary<string, object?> Extensions => new Dictionary<string, object?> { ["available"] = Available };
}

/// <summary>
/// The one writer of stock. Every change is a single conditional UPDATE of the stock row
/// (<c>SET on_hand = on_hand + Δ, reserved = reserved + Δ WHERE … AND on_hand + Δ ≥ 0 AND reserved + Δ ≥ 0 AND
/// (on_hand + Δ) − (reserved + Δ) ≥ 0</c>) whose row count says whether it happened, so on hand and available never go
/// negative however many requests race (PostgreSQL re-checks the condition on the locked row; SQLite writes one at a
/// time). The item's totals, the ledger line, the reservation and a low-stock event go in the same transaction.
/// </summary>
internal sealed class StockLedger(
    InventoryDbContext db, Outbox outbox, RequestContext request, ITenantProfiles tenants, ReservationLanes lanes, TimeProvider clock)
{
    /// <summary>A change to apply at one location; <paramref name="Actor"/> when it is another request's (a lane's batch).</summary>
    internal sealed record Change(
        Guid LocationId, string Kind, long QuantityMilli, long OnHandDelta, long ReservedDelta, string? Reason = null,
        StockReference? Reference = null, Guid? ReservationId = null, string? Actor = null);

    /// <summary>Receipt, return or adjustment of an item at a location (the tenant's first location when none is named).</summary>
    public async Task<StockMovement> MoveAsync(Item item, Guid? locationId, string kind, long deltaMilli, string? reason, StockReference? reference, CancellationToken cancellationToken)
    {
        var location = locationId is { } id ? (await db.FindLocationAsync(id, cancellationToken)).Id : await DefaultLocationAsync(cancellationToken);
        if (deltaMilli > 0)
        {
            await EnsureStockRowAsync(item.Id, location, cancellationToken);
        }

        StockMovement? movement = null;
        var done = await InTransactionAsync(async () =>
        {
            movement = await TryApplyAsync(item.Id, new Change(location, kind, Math.Abs(deltaMilli), deltaMilli, 0, reason, reference), cancellationToken);
            return movement is not null;
        }, item.Id, cancellationToken);
        return done ? movement! : throw new InsufficientStockException(await AvailableAsync(item.Id, location, cancellationToken), item.Unit);
    }

    /// <summary>Reserves at a location, or at the one with the most available; insufficient when none covers it.</summary>
    public async Task<ReservationResult> ReserveAsync(Item item, Guid? locationId, long quantityMilli, StockReference reference, CancellationToken cancellationToken)
    {
        if (locationId is { } asked)
        {
            await db.FindLocationAsync(asked, cancellationToken);
        }

        var candidates = await db.Stock.AsNoTracking()
            .Where(s => s.ItemId == item.Id && (locationId == null || s.LocationId == locationId))
            .OrderByDescending(s => s.OnHandMilli - s.ReservedMilli).ThenBy(s => s.Id)
            .Select(s => s.LocationId).Take(50).ToListAsync(cancellationToken);
        var reservationId = await lanes.RunAsync(
            item.Id, new ReservationAsk(candidates, quantityMilli, reference, request.Actor), asks => ReserveBatchAsync(item.Id, asks));
        var available = Quantities.View(await AvailableAsync(item.Id, locationId, cancellationToken));
        return reservationId is { } id ? new ReservationResult(true, available, id) : ReservationResult.Insufficient(available);
    }

    /// <summary>
    /// The reservations of one item that a lane (<see cref="ReservationLanes"/>) gathered, in one transaction: each is its
    /// own conditional UPDATE of a stock row, tried at its locations in order, so each is refused or made exactly as it
    /// would be alone. Answers each with its reservation's id, or null where the stock did not cover it. Not cancelled
    /// with the leading request: the others are waiting on it.
    /// </summary>
    private async Task<IReadOnlyList<Guid?>> ReserveBatchAsync(Guid itemId, IReadOnlyList<ReservationAsk> asks)
    {
        var made = new Guid?[asks.Count];
        await InTransactionAsync(async () =>
        {
            for (var i = 0; i < asks.Count; i++)
            {
                var ask = asks[i];
                var reservation = new Reservation
                {
                    ItemId = itemId, ReferenceOrder = ask.Reference.Order, ReferenceStage = ask.Reference.Stage,
                    QuantityMilli = ask.QuantityMilli, OpenMilli = ask.QuantityMilli,
                };
                foreach (var location in ask.Locations)
                {
                    var change = new Change(location, MovementKinds.Reservation, ask.QuantityMilli, 0, ask.QuantityMilli, null, ask.Reference, reservation.Id, ask.Actor);
                    if (await TryApplyAsync(itemId, change, CancellationToken.None) is not null)
                    {
                        reservation.LocationId = location;
                        db.Reservations.Add(reservation);
                        made[i] = reservation.Id;
                        break;
                    }
                }
            }

            return made.Any(id => id is not null);
        }, itemId, CancellationToken.None);
        return made;
    }

    /// <summary>Releases what is still open of the reference's reservations (one stage, or the whole order when no stage).</summary>
    public async Task<long> ReleaseAsync(StockReference reference, Guid? itemId, CancellationToken cancellationToken)
    {
        var open = await OpenReservations(reference, itemId).AsNoTracking().ToListAsync(cancellationToken);
        long released = 0;
        foreach (var reservation in open)
        {
            var amount = reservation.OpenMilli;
            await InTransactionAsync(async () =>
            {
                var taken = await db.Reservations.Where(r => r.Id == reservation.Id && r.OpenMilli == amount)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.OpenMilli, 0L), cancellationToken);
                if (taken == 0)
                {
                    return false;
                }

                var change = new Change(reservation.LocationId, MovementKinds.Release, amount, 0, -amount, null, reference, reservation.Id);
                if (await TryApplyAsync(reservation.ItemId, change, cancellationToken) is null)
                {
                    throw new InvalidOperationException("A reservation's stock was not reserved.");
                }

                released += amount;
                return true;
            }, reservation.ItemId, cancellationToken);
        }

        return released;
    }

    /// <summary>Consumes for a reference: from its open reservations of the item first, the rest from available stock; all or nothing.</summary>
    public async Task<ReservationResult> ConsumeAsync(Item item, Guid? locationId, long quantityMilli, StockReference? reference, CancellationToken cancellationToken)
    {
        var reservations = reference is null ? [] : await OpenReservations(reference, item.Id).AsNoTracking().OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var candidates = await db.Stock.AsNoTracking()
            .Where(s => s.ItemId == item.Id && (locationId == null || s.LocationId == locationId))
            .OrderByDescending(s => s.OnHandMilli - s.ReservedMilli).ThenBy(s => s.Id)
            .Select(s => s.LocationId).Take(50).ToListAsync(cancellationToken);
        var done = await InTransactionAsync(async () =>
        {
            var remaining = quantityMilli;
            foreach (var reservation in reservations)
            {
                var take = Math.Min(reservation.OpenMilli, remaining);
                if (take <= 0)
                {
                    break;
                }

                var taken = await db.Reservations.Where(r => r.Id == reservation.Id && r.OpenMilli >= take)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.OpenMilli, r => r.OpenMilli - take), cancellationToken);
                if (taken == 0)
                {
                    continue;
                }

                var change = new Change(reservation.LocationId, MovementKinds.Consumption, take, -take, -take, null, reference, reservation.Id);
                if (await TryApplyAsync(item.Id, change, cancellationToken) is null)
                {
                    return false;
                }

                remaining -= take;
            }

            if (remaining == 0)
            {
                return true;
            }

            foreach (var location in candidates)
            {
                if (await TryApplyAsync(item.Id, new Change(location, MovementKinds.Consumption, remaining, -remaining, 0, null, reference), cancellationToken) is not null)
                {
                    return true;
                }
            }

            return false;
        }, item.Id, cancellationToken);
        var available = Quantities.View(await AvailableAsync(item.Id, locationId, cancellationToken));
        return new ReservationResult(done, available);
    }

    /// <summary>Re-checks the low-stock flag after the reorder level changed.</summary>
    public Task CheckLowStockAsync(Guid itemId, CancellationToken cancellationToken) =>
        InTransactionAsync(() => Task.FromResult(true), itemId, cancellationToken);

    /// <summary>The tenant's first current location, made ("Основной склад" / "Main warehouse") when there is none.</summary>
    public async Task<Guid> DefaultLocationAsync(CancellationToken cancellationToken)
    {
        var first = await db.Locations.Where(l => l.ArchivedAt == null).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(cancellationToken);
        if (first is { } id)
        {
            return id;
        }

        var profile = await tenants.FindAsync(request.RequiredTenantId, cancellationToken);
        var location = new Location { Name = profile?.Locale == "ru" ? "Основной склад" : "Main warehouse" };
        db.Locations.Add(location);
        await db.SaveChangesAsync(cancellationToken);
        return location.Id;
    }

    /// <summary>Available (thousandths) at a location, or across the item's locations.</summary>
    public async Task<long> AvailableAsync(Guid itemId, Guid? locationId, CancellationToken cancellationToken) =>
        await db.Stock.AsNoTracking().Where(s => s.ItemId == itemId && (locationId == null || s.LocationId == locationId))
            .SumAsync(s => (long?)(s.OnHandMilli - s.ReservedMilli), cancellationToken) ?? 0;

    private IQueryable<Reservation> OpenReservations(StockReference reference, Guid? itemId) =>
        db.Reservations.Where(r => r.ReferenceOrder == reference.Order && r.OpenMilli > 0
            && (reference.Stage == null || r.ReferenceStage == reference.Stage) && (itemId == null || r.ItemId == itemId));

    private async Task EnsureStockRowAsync(Guid itemId, Guid locationId, CancellationToken cancellationToken)
    {
        if (await db.Stock.AnyAsync(s => s.ItemId == itemId && s.LocationId == locationId, cancellationToken))
        {
            return;
        }

        var row = new StockLevel { ItemId = itemId, LocationId = locationId };
        db.Stock.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another request made it first: the row is there, which is all this wanted.
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>One conditional UPDATE of the stock row, then the item's totals and the ledger line; null when refused.</summary>
    private async Task<StockMovement?> TryApplyAsync(Guid itemId, Change change, CancellationToken cancellationToken)
    {
        var (onHand, reserved) = (change.OnHandDelta, change.ReservedDelta);
        var now = clock.GetUtcNow();
        // The item's row before the stock row: every stock transaction locks the item first, then its stock rows, so two
        // of them never wait on each other crosswise (a lane's batch, or a consumption, touches several locations). A
        // refused change takes its totals back; refusals are the rare case (the stock ran out).
        await AddToItemTotalsAsync(itemId, onHand, reserved, cancellationToken);
        var rows = await db.Stock
            .Where(s => s.ItemId == itemId && s.LocationId == change.LocationId
                && s.OnHandMilli + onHand >= 0 && s.ReservedMilli + reserved >= 0 && s.OnHandMilli + onHand - (s.ReservedMilli + reserved) >= 0)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.OnHandMilli, s => s.OnHandMilli + onHand)
                .SetProperty(s => s.ReservedMilli, s => s.ReservedMilli + reserved)
                .SetProperty(s => s.UpdatedAt, now)
                .SetProperty(s => s.Version, s => s.Version + 1), cancellationToken);
        if (rows == 0)
        {
            await AddToItemTotalsAsync(itemId, -onHand, -reserved, cancellationToken);
            return null;
        }

        var movement = new StockMovement
        {
            ItemId = itemId,
            LocationId = change.LocationId,
            Kind = change.Kind,
            QuantityMilli = change.QuantityMilli,
            OnHandDeltaMilli = onHand,
            ReservedDeltaMilli = reserved,
            Reason = change.Reason,
            ReferenceOrder = change.Reference?.Order,
            ReferenceStage = change.Reference?.Stage,
            ReservationId = change.ReservationId,
            Actor = change.Actor ?? request.Actor,
        };
        db.Movements.Add(movement);
        return movement;
    }

    private Task<int> AddToItemTotalsAsync(Guid itemId, long onHand, long reserved, CancellationToken cancellationToken) =>
        db.Items.Where(i => i.Id == itemId).ExecuteUpdateAsync(u => u
            .SetProperty(i => i.OnHandMilli, i => i.OnHandMilli + onHand)
            .SetProperty(i => i.ReservedMilli, i => i.ReservedMilli + reserved), cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction; when it succeeds, checks the item's low-stock flag (raising
    /// <see cref="LowStock"/> once, through a conditional UPDATE of the flag) and saves with the outbox; else rolls back.
    /// </summary>
    private async Task<bool> InTransactionAsync(Func<Task<bool>> work, Guid itemId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await work())
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return false;
        }

        var item = await db.Items.AsNoTracking().Where(i => i.Id == itemId)
            .Select(i => new { i.Sku, i.Name, i.Unit, i.OnHandMilli, i.ReservedMilli, i.ReorderLevelMilli, i.LowStockRaised })
            .FirstAsync(cancellationToken);
        var available = item.OnHandMilli - item.ReservedMilli;
        var low = item.ReorderLevelMilli is { } level && available <= level;
        if (low != item.LowStockRaised)
        {
            var flipped = await db.Items.Where(i => i.Id == itemId && i.LowStockRaised != low)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.LowStockRaised, low), cancellationToken);
            if (flipped == 1 && low)
            {
                outbox.Publish(new LowStock(itemId, item.Sku, item.Name, item.Unit, Quantities.View(available), Quantities.View(item.ReorderLevelMilli!.Value)));
            }
        }

        await outbox.SaveChangesAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
