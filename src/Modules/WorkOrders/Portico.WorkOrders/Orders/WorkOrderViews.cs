using System.Text.Json;
using Portico.Crm.Contracts;
using Portico.WorkOrders.RepairServices;

namespace Portico.WorkOrders.Orders;

/// <summary>The money of an order: labour and parts net of discounts, the discounts given, VAT and the total to pay.</summary>
internal sealed record WorkOrderMoney(MoneyAmount Labour, MoneyAmount Parts, MoneyAmount Discount, MoneyAmount Vat, MoneyAmount Total)
{
    public static WorkOrderMoney Of(WorkOrder o) => new(
        MinorUnits.View(o.LabourMinor, o.Currency), MinorUnits.View(o.PartsMinor, o.Currency), MinorUnits.View(o.DiscountMinor, o.Currency),
        MinorUnits.View(o.VatMinor, o.Currency), MinorUnits.View(o.TotalMinor, o.Currency));
}

/// <summary>A work order in lists, the board and a vehicle's history: no lines, stages or parts.</summary>
internal sealed record WorkOrderSummary(
    Guid Id, long Number, string Status, Guid ContactId, string ContactName, Guid VehicleId, string VehicleLabel, Guid? MechanicId,
    DateTimeOffset? ScheduledAt, DateTimeOffset? PromisedAt, DateTimeOffset StatusChangedAt, int StageCount, int StagesDone, WorkOrderMoney Totals,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static WorkOrderSummary From(WorkOrder o) => new(
        o.Id, o.Number, o.Status, o.ContactId, o.ContactName, o.VehicleId, o.VehicleLabel, o.MechanicId, o.ScheduledAt, o.PromisedAt, o.StatusChangedAt,
        o.StageCount, o.StagesDone, WorkOrderMoney.Of(o), o.CreatedAt, o.UpdatedAt, o.Version);
}

/// <summary>A service line with its money: net labour after the discount, VAT at its rate and the gross.</summary>
internal sealed record WorkOrderLineView(
    Guid Id, int Position, Guid? ServiceId, int? TemplateVersion, WorkshopText Name, MoneyAmount Labour, decimal? Hours, MoneyAmount Discount,
    decimal VatRate, MoneyAmount Net, MoneyAmount Vat, MoneyAmount Gross, string Approval, DateTimeOffset? DecidedAt, string? DecidedBy)
{
    public static WorkOrderLineView From(WorkOrderLine l, string currency)
    {
        var net = WorkOrderTotals.LineNet(l);
        var vat = WorkOrderTotals.VatOf(net, l.VatRate);
        return new(
            l.Id, l.Position, l.ServiceId, l.TemplateVersion, new WorkshopText(l.NameEn, l.NameRu), MinorUnits.View(l.LabourMinor, currency), l.Hours,
            MinorUnits.View(l.DiscountMinor, currency), l.VatRate, MinorUnits.View(net, currency), MinorUnits.View(vat, currency),
            MinorUnits.View(net + vat, currency), l.Approval, l.DecidedAt, l.DecidedBy);
    }
}

/// <summary>A checklist item as shown: its position, text and whether it is ticked.</summary>
internal sealed record ChecklistItemView(int Index, string Text, bool Done, DateTimeOffset? DoneAt, Guid? DoneBy);

/// <summary>A stage of the order's chain with its checklist and how the work went.</summary>
internal sealed record WorkOrderStageView(
    Guid Id, int Position, Guid? LineId, Guid? TemplateStageId, WorkshopText Name, int ExpectedMinutes, string? RequiredSkill,
    IReadOnlyList<ChecklistItemView> Checklist, bool PhotoRequired, string Status, Guid? MechanicId, bool MechanicAssignedDirectly,
    DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, Guid? CompletedBy, int? ActualMinutes, int PhotoCount, int CommentCount, long Version)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static List<ChecklistItem> ChecklistOf(WorkOrderStage s) => JsonSerializer.Deserialize<List<ChecklistItem>>(s.Checklist, Json) ?? [];

    public static string ChecklistJson(IReadOnlyList<ChecklistItem> items) => JsonSerializer.Serialize(items, Json);

    public static WorkOrderStageView From(WorkOrderStage s) => new(
        s.Id, s.Position, s.LineId, s.TemplateStageId, new WorkshopText(s.NameEn, s.NameRu), s.ExpectedMinutes, s.RequiredSkill,
        [.. ChecklistOf(s).Select((c, i) => new ChecklistItemView(i, c.Text, c.Done, c.DoneAt, c.DoneBy))], s.PhotoRequired, s.Status, s.MechanicId,
        s.MechanicAssignedDirectly, s.StartedAt, s.CompletedAt, s.CompletedBy, s.ActualMinutes, s.PhotoCount, s.CommentCount, s.Version);
}

/// <summary>A part with its quantities (planned, reserved, consumed) and money.</summary>
internal sealed record WorkOrderPartView(
    Guid Id, Guid? LineId, Guid? StageId, Guid ItemId, string Sku, string Name, string Unit, decimal Quantity, decimal Reserved, decimal Consumed,
    MoneyAmount UnitPrice, MoneyAmount Discount, decimal VatRate, MoneyAmount Net, MoneyAmount Vat, MoneyAmount Gross, string State, bool Extra)
{
    public static WorkOrderPartView From(WorkOrderPart p, string currency)
    {
        var net = WorkOrderTotals.PartNet(p);
        var vat = WorkOrderTotals.VatOf(net, p.VatRate);
        return new(
            p.Id, p.LineId, p.StageId, p.ItemId, p.Sku, p.Name, p.Unit, p.QuantityMilli / 1000m, p.ReservedMilli / 1000m, p.ConsumedMilli / 1000m,
            MinorUnits.View(p.UnitPriceMinor, currency), MinorUnits.View(p.DiscountMinor, currency), p.VatRate, MinorUnits.View(net, currency),
            MinorUnits.View(vat, currency), MinorUnits.View(net + vat, currency), p.State, p.Extra);
    }
}

/// <summary>
/// A whole work order: the summary's fields, the client's words and the workshop's notes, the approval, every line,
/// stage (in chain order) and part, the statuses it may move to next and the client's tracking link.
/// </summary>
internal sealed record WorkOrderView(
    Guid Id, long Number, string Status, IReadOnlyList<string> NextStatuses, Guid ContactId, string ContactName, string? ContactEmail,
    string? ContactPhone, Guid VehicleId, string VehicleLabel, long? Odometer, string? Complaint, string? Notes, string Currency, Guid? MechanicId,
    DateTimeOffset? ScheduledAt, DateTimeOffset? PromisedAt, DateTimeOffset StatusChangedAt, DateTimeOffset? EstimateSentAt, DateTimeOffset? ApprovedAt,
    string? ApprovedBy, DateTimeOffset? StartedAt, DateTimeOffset? ReadyAt, DateTimeOffset? DeliveredAt, DateTimeOffset? CancelledAt,
    string? CancelReason, WorkOrderMoney Totals, int StageCount, int StagesDone, IReadOnlyList<WorkOrderLineView> Lines,
    IReadOnlyList<WorkOrderStageView> Stages, IReadOnlyList<WorkOrderPartView> Parts, string TrackingUrl, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, long Version)
{
    public static WorkOrderView From(
        WorkOrder o, IEnumerable<WorkOrderLine> lines, IReadOnlyCollection<WorkOrderStage> stages, IEnumerable<WorkOrderPart> parts, string trackingUrl) => new(
        o.Id, o.Number, o.Status, WorkOrderStatuses.AllowedAfter(o.Status), o.ContactId, o.ContactName, o.ContactEmail, o.ContactPhone, o.VehicleId,
        o.VehicleLabel, o.Odometer, o.Complaint, o.Notes, o.Currency, o.MechanicId, o.ScheduledAt, o.PromisedAt, o.StatusChangedAt, o.EstimateSentAt,
        o.ApprovedAt, o.ApprovedBy, o.StartedAt, o.ReadyAt, o.DeliveredAt, o.CancelledAt, o.CancelReason, WorkOrderMoney.Of(o), o.StageCount,
        o.StagesDone, [.. lines.OrderBy(l => l.Position).Select(l => WorkOrderLineView.From(l, o.Currency))],
        [.. stages.OrderBy(s => s.Position).Select(WorkOrderStageView.From)], OrderParts(stages, parts).Select(p => WorkOrderPartView.From(p, o.Currency)).ToList(),
        trackingUrl, o.CreatedAt, o.UpdatedAt, o.Version);

    /// <summary>Parts in chain order (by their stage's position), the estimate's before extras, then by SKU.</summary>
    public static IEnumerable<WorkOrderPart> OrderParts(IEnumerable<WorkOrderStage> stages, IEnumerable<WorkOrderPart> parts)
    {
        var positions = stages.ToDictionary(s => s.Id, s => s.Position);
        return parts.OrderBy(p => p.StageId is { } stage ? positions.GetValueOrDefault(stage, int.MaxValue) : int.MaxValue)
            .ThenBy(p => p.Extra).ThenBy(p => p.Sku, StringComparer.Ordinal);
    }
}

/// <summary>One timeline entry: what happened, to which stage, who did it and when; comments carry their text, attachments their file.</summary>
internal sealed record WorkOrderEntryView(
    Guid Id, string Kind, Guid? StageId, string Actor, string? ActorName, string? Text, JsonElement? Data, Guid? FileId, string? FileName,
    string? ContentType, bool Shared, DateTimeOffset At)
{
    public static WorkOrderEntryView From(WorkOrderEntry e) => new(
        e.Id, e.Kind, e.StageId, e.Actor, e.ActorName, e.Text, e.Data is null ? null : JsonDocument.Parse(e.Data).RootElement.Clone(), e.FileId,
        e.FileName, e.ContentType, e.Shared, e.CreatedAt);
}
