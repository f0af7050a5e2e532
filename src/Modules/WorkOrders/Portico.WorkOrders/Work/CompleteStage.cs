using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders.Contracts;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Work;

/// <summary>
/// How a stage ended: the minutes spent (else measured from its start) and, per part, the quantity actually used when it
/// differs from what the order planned (a total for the part; 0 for a part not used).
/// </summary>
internal sealed record CompleteStageInput(int? ActualMinutes, IReadOnlyList<UsedPartInput>? Parts);

/// <summary>A part of the stage (its id on the order) and the quantity used, up to 3 decimals.</summary>
internal sealed record UsedPartInput(Guid? PartId, decimal? Quantity);

/// <summary>
/// A mechanic completes a started stage. Refused while a checklist item is unticked (409 <c>checklist-incomplete</c>) or a
/// required photo is missing (409 <c>photo-required</c>). The stage's parts are consumed from the Inventory (what the order
/// planned, or the quantities given), what stays reserved goes back to stock, the order's totals and progress follow, and
/// completing the last open stage of an order in progress makes it ready (through the status flow, so the client hears).
/// A part the stock cannot cover is a 409 <c>insufficient-stock</c>: the stage stays in progress, nothing is kept for that
/// part, and the parts consumed before it stay consumed (the Inventory's own transactions), so a retry takes up from there.
/// The stage is claimed (its version) before any stock moves, so two completions of one stage cannot both consume.
/// </summary>
internal static class CompleteStage
{
    public const int MaxMinutes = 7 * 24 * 60;
    public const string ChecklistIncompleteCode = "checklist-incomplete";
    public const string PhotoRequiredCode = "photo-required";
    public const string InsufficientStockCode = "insufficient-stock";

    [RequiresPermission(WorkOrdersPermissions.Work)]
    internal sealed class Handler(
        WorkOrdersDbContext db, StageWork work, WorkOrderFlow flow, PartReservations reservations, OrderJournal journal, Outbox outbox, RequestContext request,
        WorkOrderReader reader, TimeProvider clock)
    {
        public async Task<WorkOrderView> HandleAsync(Guid orderId, Guid stageId, CompleteStageInput input, CancellationToken cancellationToken)
        {
            var (order, stage) = await work.FindAsync(orderId, stageId, cancellationToken);
            var used = input.Parts ?? [];
            var rules = new Rules()
                .Check(input.ActualMinutes is null or (>= 0 and <= MaxMinutes), "actualMinutes", $"must be from 0 to {MaxMinutes}.")
                .Check(used.Count <= 100, "parts", "must list at most 100 parts.");
            var parts = await db.Parts.Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken);
            var stageParts = parts.Where(p => p.StageId == stage.Id && p.State != PartStates.Released).OrderBy(p => p.Extra).ThenBy(p => p.Sku, StringComparer.Ordinal).ToList();
            var quantities = new Dictionary<Guid, long>();
            for (var i = 0; i < Math.Min(used.Count, 100); i++)
            {
                var part = used[i];
                var milli = part?.Quantity is { } q ? StageWork.MilliOf(q) : null;
                rules.Check(part?.PartId is { } id && stageParts.Any(p => p.Id == id), $"parts[{i}].partId", "must be a part of this stage (its id on the order).")
                    .Check(milli is not null, $"parts[{i}].quantity", "is required: from 0 to 1,000,000 with up to 3 decimals.");
                if (part?.PartId is { } partId && milli is { } value && !quantities.TryAdd(partId, value))
                {
                    rules.Check(false, $"parts[{i}].partId", "names a part twice.");
                }
            }

            rules.ThrowIfInvalid();
            StageWork.RequireWorkable(order);
            if (stage.Status != StageStatuses.InProgress)
            {
                throw new ConflictException(
                    stage.Status == StageStatuses.Pending ? "Start the stage before completing it." : $"The stage is {stage.Status} already.",
                    stage.Status == StageStatuses.Pending ? StageWork.StageNotStartedCode : StageWork.StageClosedCode)
                {
                    Members = new Dictionary<string, object?> { ["current"] = stage.Status },
                };
            }

            var unticked = WorkOrderStageView.ChecklistOf(stage).Select((item, index) => (item, index)).Where(c => !c.item.Done).Select(c => c.index).ToList();
            if (unticked.Count > 0)
            {
                throw new ConflictException($"{unticked.Count} checklist item(s) are not ticked yet.", ChecklistIncompleteCode)
                {
                    Members = new Dictionary<string, object?> { ["unticked"] = unticked },
                };
            }

            if (stage.PhotoRequired && stage.PhotoCount == 0)
            {
                throw new ConflictException("This stage needs a photo: attach one before completing it.", PhotoRequiredCode);
            }

            // Claim the stage before touching stock: it is marked done at once (in its own statement), so a second completion
            // of the same stage (a double tap) finds it done, or fails its own claim, instead of consuming its parts twice.
            var claimed = await db.Stages.Where(s => s.Id == stage.Id && s.Version == stage.Version && s.Status == StageStatuses.InProgress)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Version, s => s.Version + 1).SetProperty(s => s.Status, StageStatuses.Done).SetProperty(s => s.InQueue, false), cancellationToken);
            if (claimed == 0)
            {
                throw new ConcurrencyException("The stage was changed by someone else (completed twice at once?). Reload it and try again.");
            }

            stage.Version++;
            db.Entry(stage).Property(s => s.Version).OriginalValue = stage.Version;
            db.Entry(stage).Property(s => s.Status).OriginalValue = StageStatuses.Done; // saved as in_progress again if refused below
            // A done stage leaves the queue in the claim itself, so another stage's save that rewrites the order's queue
            // columns in this instant finds nothing to change on this one (and cannot collide with its completion).
            stage.InQueue = false;
            db.Entry(stage).Property(s => s.InQueue).OriginalValue = false;
            try
            {
                return await CompleteClaimedAsync(order, stage, input, parts, stageParts, quantities, cancellationToken);
            }
            catch (Exception ex) when (ex is not ConflictException { Code: InsufficientStockCode })
            {
                // Not completed after all: the claim is undone so the stage can be completed again.
                await db.Stages.Where(s => s.Id == stage.Id && s.Status == StageStatuses.Done && s.CompletedAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Version, s => s.Version + 1).SetProperty(s => s.Status, StageStatuses.InProgress).SetProperty(s => s.InQueue, true), CancellationToken.None);
                throw;
            }
        }

        private async Task<WorkOrderView> CompleteClaimedAsync(
            WorkOrder order, WorkOrderStage stage, CompleteStageInput input, List<WorkOrderPart> parts, List<WorkOrderPart> stageParts,
            Dictionary<Guid, long> quantities, CancellationToken cancellationToken)
        {
            await journal.NameActorAsync(cancellationToken);
            foreach (var part in stageParts)
            {
                var given = quantities.TryGetValue(part.Id, out var explicitMilli);
                var target = given ? explicitMilli : part.QuantityMilli;
                var missing = target - part.ConsumedMilli;
                if (missing > 0)
                {
                    var result = await reservations.ConsumeAsync(order, part, missing, cancellationToken);
                    if (!result.Succeeded)
                    {
                        // Keep what the Inventory consumed so far (its transactions are done): a retry continues from here.
                        await reservations.SaveAfterStockMovedAsync(order, () => reservations.RetotalAsync(order, cancellationToken), cancellationToken);
                        throw new ConflictException($"The stock does not cover {missing / 1000m} {part.Unit} of {part.Sku} {part.Name}: {result.Available} available.", InsufficientStockCode)
                        {
                            Members = new Dictionary<string, object?> { ["partId"] = part.Id, ["itemId"] = part.ItemId, ["needed"] = missing / 1000m, ["available"] = result.Available },
                        };
                    }
                }

                if (given)
                {
                    // The client pays for what was used.
                    part.QuantityMilli = Math.Max(target, part.ConsumedMilli);
                }
            }

            // Whatever is still reserved for the stage (less used than planned, a part not used) goes back to stock.
            if (stageParts.Any(p => p.ReservedMilli > 0))
            {
                await reservations.ReleaseAsync(order, stageParts, parts, cancellationToken);
            }

            foreach (var part in stageParts.Where(p => p.ConsumedMilli == 0 && p.State is PartStates.Planned or PartStates.Short))
            {
                part.State = PartStates.Released;
            }

            var now = clock.GetUtcNow();
            stage.Status = StageStatuses.Done;
            stage.CompletedAt = now;
            stage.CompletedBy = request.UserId;
            stage.ActualMinutes = input.ActualMinutes ?? (stage.StartedAt is { } started ? (int)Math.Clamp(Math.Round((now - started).TotalMinutes), 0, MaxMinutes) : 0);
            journal.Add(
                order, EntryKinds.StageCompleted, StageWork.NameOf(stage),
                new { stageId = stage.Id, actualMinutes = stage.ActualMinutes, expectedMinutes = stage.ExpectedMinutes }, stage.Id, shared: true);
            List<string> others = [];
            await reservations.SaveAfterStockMovedAsync(order, async () =>
            {
                // Another stage of the order may be completed in this same instant: progress counts the stages as stored.
                others = await db.Stages.AsNoTracking().Where(s => s.OrderId == order.Id && s.Id != stage.Id).Select(s => s.Status).ToListAsync(cancellationToken);
                order.StagesDone = 1 + others.Count(s => s is StageStatuses.Done or StageStatuses.Skipped);
                await reservations.RetotalAsync(order, cancellationToken);
                outbox.Publish(new WorkOrderStageCompleted(
                    order.Id, order.Number, stage.Id, StageWork.NameOf(stage), stage.MechanicId ?? request.UserId, stage.ActualMinutes.Value, stage.ExpectedMinutes,
                    order.StagesDone, order.StageCount));
            }, cancellationToken);

            if (!others.Any(StageStatuses.IsOpen))
            {
                await MakeReadyAsync(order, cancellationToken);
            }

            return await reader.ViewAsync(order, cancellationToken);
        }

        /// <summary>
        /// The last open stage is done: an order in progress becomes ready. When two last stages end together both get here;
        /// the one whose save loses finds the order ready already (its own status entry and event are dropped) and stops.
        /// </summary>
        private async Task MakeReadyAsync(WorkOrder order, CancellationToken cancellationToken)
        {
            for (var attempt = 1; order.Status == WorkOrderStatuses.InProgress; attempt++)
            {
                await flow.MoveAsync(order, WorkOrderStatuses.Ready, null, null, cancellationToken);
                try
                {
                    await outbox.SaveChangesAsync(db, cancellationToken);
                    return;
                }
                catch (ConcurrencyException) when (attempt < PartReservations.MaxSaveAttempts)
                {
                    // Forget this attempt: its status entry, and the stages the queue columns loaded (the other stage's
                    // completion changed them since); the next attempt reads them again.
                    foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is WorkOrderStage || (e.Entity is WorkOrderEntry && e.State == EntityState.Added)).ToList())
                    {
                        entry.State = EntityState.Detached;
                    }

                    await db.Entry(order).ReloadAsync(cancellationToken);
                }
            }
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/workshop/work-orders/{orderId:guid}/stages/{stageId:guid}/complete", async Task<Ok<WorkOrderView>> (Guid orderId, Guid stageId, CompleteStageInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var order = await handler.HandleAsync(orderId, stageId, input, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(order.Version);
            return TypedResults.Ok(order);
        })
        .WithName("CompleteWorkOrderStage")
        .WithRequestExample(new { actualMinutes = 55, parts = new[] { new { partId = "0193a1f2-7c3e-7d4a-9b1c-2f3e4d5a6b7c", quantity = 0.4m } } })
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .WithSummary("Complete a started stage: 409 checklist-incomplete, photo-required or insufficient-stock; consumes the stage's parts (as planned or the quantities given), releases what stays reserved, updates totals and progress; the last open stage makes an order in progress ready; raises work_order.stage_completed");
}
