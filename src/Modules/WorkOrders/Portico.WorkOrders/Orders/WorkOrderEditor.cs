using Portico.Crm.Contracts;
using Portico.Data.Events;
using Portico.WorkOrders.Templates;

namespace Portico.WorkOrders.Orders;

/// <summary>Changes to an order's details: merge patch; null leaves a field, an empty string clears a text.</summary>
internal sealed record UpdateWorkOrderInput(string? Complaint, string? Notes, DateTimeOffset? ScheduledAt, DateTimeOffset? PromisedAt);

/// <summary>A service added to an order, with an optional labour discount.</summary>
internal sealed record AddWorkOrderLineInput(Guid? ServiceId, string? Discount);

/// <summary>A line's discount, or the decision on it taken for the client (by phone, at the desk): approved or declined.</summary>
internal sealed record UpdateWorkOrderLineInput(string? Discount, string? Decision);

/// <summary>A stage added to the chain by hand: like a template stage, at a 0-based position (the end by default).</summary>
internal sealed record AddWorkOrderStageInput(
    WorkshopTextInput? Name, int? ExpectedMinutes, string? RequiredSkill, IReadOnlyList<string>? Checklist, bool? PhotoRequired, int? Position);

/// <summary>A text in the tenant's languages.</summary>
internal sealed record WorkshopTextInput(string? En, string? Ru);

/// <summary>Moves a stage to a 0-based position of the chain.</summary>
internal sealed record MoveWorkOrderStageInput(Guid? StageId, int? To);

/// <summary>
/// Edits an open work order: its details, its service lines (each with its copied stages and parts), the stage chain
/// (add, remove, reorder) and parts (remove, reserve again what was short). Every change is on the timeline; totals and
/// the stage counts are recomputed; parts leaving the order give their reservations back. Started or finished stages
/// stay: removing them (or a line that has them) is a 409.
/// </summary>
internal sealed class WorkOrderEditor(
    WorkOrdersDbContext db, WorkOrderBuilder builder, OrderJournal journal, PartReservations reservations, Outbox outbox)
{
    public const string ClosedCode = "work-order-closed";
    public const string StageStartedCode = "stage-started";

    private const string OneStage = "stages[0].";

    public async Task UpdateAsync(WorkOrder order, UpdateWorkOrderInput input, CancellationToken cancellationToken)
    {
        EnsureOpen(order);
        new Rules()
            .Check(input.Complaint is null || input.Complaint.Length <= WorkOrderBuilder.MaxText, "complaint", $"must be at most {WorkOrderBuilder.MaxText} characters.")
            .Check(input.Notes is null || input.Notes.Length <= WorkOrderBuilder.MaxText, "notes", $"must be at most {WorkOrderBuilder.MaxText} characters.")
            .Check((input.PromisedAt ?? order.PromisedAt) is null || (input.ScheduledAt ?? order.ScheduledAt) is null || (input.PromisedAt ?? order.PromisedAt) >= (input.ScheduledAt ?? order.ScheduledAt),
                "promisedAt", "must not be before scheduledAt.")
            .ThrowIfInvalid();
        var changed = new List<string>();
        if (input.Complaint is not null)
        {
            order.Complaint = Clean(input.Complaint);
            changed.Add("complaint");
        }

        if (input.Notes is not null)
        {
            order.Notes = Clean(input.Notes);
            changed.Add("notes");
        }

        if (input.ScheduledAt is not null)
        {
            order.ScheduledAt = input.ScheduledAt;
            changed.Add("scheduledAt");
        }

        if (input.PromisedAt is not null)
        {
            order.PromisedAt = input.PromisedAt;
            changed.Add("promisedAt");
        }

        if (changed.Count > 0)
        {
            await journal.NameActorAsync(cancellationToken);
            journal.Add(order, EntryKinds.Edited, data: new { fields = changed });
        }

        await outbox.SaveChangesAsync(db, cancellationToken);
    }

    public async Task<WorkOrderLine> AddLineAsync(WorkOrder order, AddWorkOrderLineInput input, CancellationToken cancellationToken)
    {
        EnsureOpen(order);
        var rules = new Rules().Check(input.ServiceId is { } id && id != Guid.Empty, "serviceId", "is required: a repair service's Catalog id.");
        rules.ThrowIfInvalid();
        var service = await db.RepairServices.AsNoTracking().FirstOrDefaultAsync(s => s.ServiceId == input.ServiceId, cancellationToken);
        rules.Check(service is not null, "serviceId", "is not a repair service of this workshop.");
        var discount = MinorUnits.Parse(input.Discount, order.Currency, rules, "discount") ?? 0;
        rules.Check(discount >= 0 && (service is null || discount <= service.LabourMinor), "discount", "must be from 0 to the labour price.");
        var lines = await db.Lines.Where(l => l.OrderId == order.Id).ToListAsync(cancellationToken);
        rules.Check(lines.Count < WorkOrderBuilder.MaxServices, "serviceId", $"an order has at most {WorkOrderBuilder.MaxServices} services.")
            .Check(service is null || lines.All(l => l.ServiceId != service.ServiceId), "serviceId", "is already on the order.");
        rules.ThrowIfInvalid();

        var stages = await db.Stages.Where(s => s.OrderId == order.Id).ToListAsync(cancellationToken);
        var (added, newStages, newParts) = await builder.CopyServicesAsync(
            order, [service!], [discount], lines.Count == 0 ? 0 : lines.Max(l => l.Position) + 1, stages.Count == 0 ? 0 : stages.Max(s => s.Position) + 1, cancellationToken);
        var line = added[0];
        db.Lines.Add(line);
        db.Stages.AddRange(newStages);
        db.Parts.AddRange(newParts);
        await journal.NameActorAsync(cancellationToken);
        journal.Add(order, EntryKinds.LineAdded, line.NameRu ?? line.NameEn, new { lineId = line.Id, serviceId = line.ServiceId, stages = newStages.Count }, shared: true);
        var parts = await db.Parts.Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken);
        await RecountAsync(order, [.. lines, line], [.. stages, .. newStages], [.. parts, .. newParts], cancellationToken);
        await outbox.SaveChangesAsync(db, cancellationToken);
        await reservations.ReserveAsync(order, newParts, cancellationToken);
        return line;
    }

    public async Task UpdateLineAsync(WorkOrder order, Guid lineId, UpdateWorkOrderLineInput input, CancellationToken cancellationToken)
    {
        EnsureOpen(order);
        var lines = await db.Lines.Where(l => l.OrderId == order.Id).ToListAsync(cancellationToken);
        var line = lines.FirstOrDefault(l => l.Id == lineId) ?? throw new NotFoundException("WorkOrderLine", lineId);
        var rules = new Rules()
            .Check(input.Decision is null or Approvals.Approved or Approvals.Declined, "decision", "must be approved or declined.");
        var discount = MinorUnits.Parse(input.Discount, order.Currency, rules, "discount");
        rules.Check(discount is null || (discount >= 0 && discount <= line.LabourMinor), "discount", "must be from 0 to the labour price.");
        rules.ThrowIfInvalid();
        await journal.NameActorAsync(cancellationToken);
        if (discount is { } amount)
        {
            line.DiscountMinor = amount;
            journal.Add(order, EntryKinds.Edited, line.NameRu ?? line.NameEn, new { lineId, discount = MinorUnits.View(amount, order.Currency).Amount });
        }

        if (input.Decision is { } decision && decision != line.Approval)
        {
            var stages = await db.Stages.Where(s => s.LineId == lineId).ToListAsync(cancellationToken);
            if (decision == Approvals.Declined)
            {
                EnsureNotStarted(stages, "A stage of this service has started: it cannot be declined any more.");
                await DeclineAsync(order, new HashSet<Guid> { lineId }, stages, await db.Parts.Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken), cancellationToken);
            }
            else
            {
                foreach (var stage in stages.Where(s => s.Status == StageStatuses.Skipped))
                {
                    stage.Status = StageStatuses.Pending;
                }
            }

            line.Approval = decision;
            line.DecidedAt = DateTimeOffset.UtcNow;
            line.DecidedBy = journal.ActorOverride ?? "staff";
            journal.Add(order, EntryKinds.LineDecided, line.NameRu ?? line.NameEn, new { lineId, decision }, shared: true);
        }

        await SaveAfterReleaseAsync(order, cancellationToken);
        if (input.Decision == Approvals.Approved)
        {
            await reservations.ReserveAsync(order, await db.Parts.Where(p => p.LineId == lineId).ToListAsync(cancellationToken), cancellationToken);
        }
    }

    /// <summary>
    /// What declining lines means, for the desk and the client's link alike: their open stages are skipped
    /// (<see cref="SkipDeclined"/>) and their parts not yet used go back to stock (<see cref="ReleaseDeclinedAsync"/>).
    /// Returns the stages skipped. The caller records the decision and saves.
    /// </summary>
    public async Task<HashSet<Guid>> DeclineAsync(
        WorkOrder order, IReadOnlySet<Guid> lineIds, IReadOnlyCollection<WorkOrderStage> stages, List<WorkOrderPart> parts, CancellationToken cancellationToken)
    {
        var skipped = SkipDeclined(lineIds, stages);
        await ReleaseDeclinedAsync(order, lineIds, skipped, parts, cancellationToken);
        return skipped;
    }

    /// <summary>Skips the open stages of declined lines; returns their ids.</summary>
    public static HashSet<Guid> SkipDeclined(IReadOnlySet<Guid> lineIds, IEnumerable<WorkOrderStage> stages)
    {
        var skipped = stages.Where(s => s.LineId is { } line && lineIds.Contains(line) && StageStatuses.IsOpen(s.Status)).ToList();
        foreach (var stage in skipped)
        {
            stage.Status = StageStatuses.Skipped;
        }

        return [.. skipped.Select(s => s.Id)];
    }

    /// <summary>Gives back to stock the parts not yet used of declined lines and skipped stages. The caller saves.</summary>
    public async Task ReleaseDeclinedAsync(
        WorkOrder order, IReadOnlySet<Guid> lineIds, IReadOnlySet<Guid> skippedStages, List<WorkOrderPart> parts, CancellationToken cancellationToken)
    {
        var released = parts
            .Where(p => p.State != PartStates.Consumed && p.State != PartStates.Released
                && ((p.LineId is { } line && lineIds.Contains(line)) || (p.StageId is { } stage && skippedStages.Contains(stage))))
            .ToList();
        if (released.Count > 0)
        {
            await reservations.ReleaseAsync(order, released, parts, cancellationToken);
        }
    }

    public async Task RemoveLineAsync(WorkOrder order, Guid lineId, CancellationToken cancellationToken)
    {
        EnsureOpen(order);
        var lines = await db.Lines.Where(l => l.OrderId == order.Id).ToListAsync(cancellationToken);
        var line = lines.FirstOrDefault(l => l.Id == lineId) ?? throw new NotFoundException("WorkOrderLine", lineId);
        var stages = await db.Stages.Where(s => s.OrderId == order.Id).ToListAsync(cancellationToken);
        var removed = stages.Where(s => s.LineId == lineId).ToList();
        EnsureNotStarted(removed, "A stage of this service has started or is done: it stays on the order. Decline the rest or skip stages instead.");
        var parts = await db.Parts.Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken);
        var leaving = parts.Where(p => p.LineId == lineId).ToList();
        await reservations.ReleaseAsync(order, leaving, parts, cancellationToken);
        db.Parts.RemoveRange(leaving);
        db.Stages.RemoveRange(removed);
        db.Lines.Remove(line);
        await journal.NameActorAsync(cancellationToken);
        journal.Add(order, EntryKinds.LineRemoved, line.NameRu ?? line.NameEn, new { lineId, serviceId = line.ServiceId }, shared: true);
        Renumber([.. stages.Except(removed).OrderBy(s => s.Position)]);
        await SaveAfterReleaseAsync(order, cancellationToken);
    }

    public async Task<WorkOrderStage> AddStageAsync(WorkOrder order, AddWorkOrderStageInput input, CancellationToken cancellationToken)
    {
        EnsureOpen(order);
        var stages = await db.Stages.Where(s => s.OrderId == order.Id).OrderBy(s => s.Position).ToListAsync(cancellationToken);
        List<TemplateStage> chain;
        try
        {
            chain = StageChains.Validate(
                [new TemplateStageInput(null, input.Name is null ? null : new RepairServices.WorkshopText(input.Name.En, input.Name.Ru), input.ExpectedMinutes, input.RequiredSkill, input.Checklist, input.PhotoRequired, null)]);
        }
        catch (ValidationException invalid)
        {
            // The template rules name a chain's fields (stages[0].name); this request has one stage's fields (name).
            throw new ValidationException(invalid.Errors.ToDictionary(e => e.Key.StartsWith(OneStage, StringComparison.Ordinal) ? e.Key[OneStage.Length..] : e.Key, e => e.Value));
        }

        new Rules()
            .Check(stages.Count < StageChains.MaxStages * WorkOrderBuilder.MaxServices, "position", "the chain is full.")
            .Check(input.Position is null || (input.Position >= 0 && input.Position <= stages.Count), "position", $"must be from 0 to {stages.Count}.")
            .ThrowIfInvalid();
        var stage = WorkOrderBuilder.NewStage(order, null, 0, chain[0]);
        stage.TemplateStageId = null;
        stages.Insert(input.Position ?? stages.Count, stage);
        Renumber(stages);
        db.Stages.Add(stage);
        await journal.NameActorAsync(cancellationToken);
        journal.Add(order, EntryKinds.StageAdded, stage.NameRu ?? stage.NameEn, new { position = stage.Position }, stage.Id, shared: true);
        await RecountAsync(order, null, stages, null, cancellationToken);
        await outbox.SaveChangesAsync(db, cancellationToken);
        return stage;
    }

    public async Task RemoveStageAsync(WorkOrder order, Guid stageId, CancellationToken cancellationToken)
    {
        EnsureOpen(order);
        var stages = await db.Stages.Where(s => s.OrderId == order.Id).OrderBy(s => s.Position).ToListAsync(cancellationToken);
        var stage = stages.FirstOrDefault(s => s.Id == stageId) ?? throw new NotFoundException("WorkOrderStage", stageId);
        EnsureNotStarted([stage], "This stage has started or is done: it stays on the order.");
        var parts = await db.Parts.Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken);
        var leaving = parts.Where(p => p.StageId == stageId).ToList();
        await reservations.ReleaseAsync(order, leaving, parts, cancellationToken);
        db.Parts.RemoveRange(leaving);
        db.Stages.Remove(stage);
        stages.Remove(stage);
        Renumber(stages);
        await journal.NameActorAsync(cancellationToken);
        journal.Add(order, EntryKinds.StageRemoved, stage.NameRu ?? stage.NameEn, new { stageId }, shared: true);
        await SaveAfterReleaseAsync(order, cancellationToken);
    }

    public async Task MoveStageAsync(WorkOrder order, MoveWorkOrderStageInput input, CancellationToken cancellationToken)
    {
        EnsureOpen(order);
        var stages = await db.Stages.Where(s => s.OrderId == order.Id).OrderBy(s => s.Position).ToListAsync(cancellationToken);
        var from = stages.FindIndex(s => s.Id == input.StageId);
        new Rules()
            .Check(input.StageId is not null, "stageId", "is required.")
            .Check(input.StageId is null || from >= 0, "stageId", "is not a stage of this order.")
            .Check(input.To is not null, "to", "is required: the 0-based position to move the stage to.")
            .Check(input.To is null || (input.To >= 0 && input.To < stages.Count), "to", $"must be from 0 to {stages.Count - 1}.")
            .ThrowIfInvalid();
        var moved = stages[from];
        stages.RemoveAt(from);
        stages.Insert(input.To!.Value, moved);
        Renumber(stages);
        await journal.NameActorAsync(cancellationToken);
        journal.Add(order, EntryKinds.StagesReordered, moved.NameRu ?? moved.NameEn, new { stageId = moved.Id, from, to = input.To }, moved.Id);
        await outbox.SaveChangesAsync(db, cancellationToken);
    }

    public async Task RemovePartAsync(WorkOrder order, Guid partId, CancellationToken cancellationToken)
    {
        EnsureOpen(order);
        var parts = await db.Parts.Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken);
        var part = parts.FirstOrDefault(p => p.Id == partId) ?? throw new NotFoundException("WorkOrderPart", partId);
        if (part.ConsumedMilli > 0)
        {
            throw new ConflictException("This part was already used on the car: it stays on the order (return it to stock through the Inventory).", "part-consumed");
        }

        await reservations.ReleaseAsync(order, [part], parts, cancellationToken);
        db.Parts.Remove(part);
        await journal.NameActorAsync(cancellationToken);
        journal.Add(order, EntryKinds.PartRemoved, $"{part.Sku} {part.Name}", new { partId, itemId = part.ItemId, quantity = part.QuantityMilli / 1000m }, part.StageId);
        await SaveAfterReleaseAsync(order, cancellationToken);
    }

    /// <summary>Tries again to reserve the parts that were short (after a delivery arrived). Returns how many are still short.</summary>
    public async Task<int> ReserveShortAsync(WorkOrder order, CancellationToken cancellationToken)
    {
        EnsureOpen(order);
        var parts = await db.Parts.Where(p => p.OrderId == order.Id && (p.State == PartStates.Short || p.State == PartStates.Planned)).ToListAsync(cancellationToken);
        var declined = await db.Lines.Where(l => l.OrderId == order.Id && l.Approval == Approvals.Declined).Select(l => (Guid?)l.Id).ToListAsync(cancellationToken);
        await journal.NameActorAsync(cancellationToken);
        return await reservations.ReserveAsync(order, [.. parts.Where(p => !declined.Contains(p.LineId))], cancellationToken);
    }

    /// <summary>Writes the totals and the stage counts from the order's lines, stages and parts as they will be saved.</summary>
    private async Task RecountAsync(
        WorkOrder order, IReadOnlyCollection<WorkOrderLine>? lines, IReadOnlyCollection<WorkOrderStage> stages, IReadOnlyCollection<WorkOrderPart>? parts,
        CancellationToken cancellationToken)
    {
        lines ??= await db.Lines.Where(l => l.OrderId == order.Id).ToListAsync(cancellationToken);
        parts ??= await db.Parts.Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken);
        WorkOrderTotals.Apply(order, lines, parts);
        order.CountStages(stages);
    }

    /// <summary>
    /// Saves an edit that may have given stock back: the Inventory's release is committed already, so a concurrent write to
    /// the order's row must not turn this save into a 412 that leaves the parts listed as reserved. Totals and progress are
    /// counted again on each attempt.
    /// </summary>
    private Task SaveAfterReleaseAsync(WorkOrder order, CancellationToken cancellationToken) =>
        reservations.SaveAfterStockMovedAsync(order, () => reservations.RecountAsync(order, cancellationToken), cancellationToken);

    private static void Renumber(List<WorkOrderStage> stages)
    {
        for (var i = 0; i < stages.Count; i++)
        {
            stages[i].Position = i;
        }
    }

    private static void EnsureNotStarted(IEnumerable<WorkOrderStage> stages, string message)
    {
        if (stages.Any(s => s.Status is StageStatuses.InProgress or StageStatuses.Done))
        {
            throw new ConflictException(message, StageStartedCode);
        }
    }

    internal static void EnsureOpen(WorkOrder order)
    {
        if (WorkOrderStatuses.IsClosed(order.Status))
        {
            throw new ConflictException($"The work order is {order.Status}: it no longer changes.", ClosedCode);
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
