using System.Text.Json;
using Portico.Crm.Contracts;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Tracking;

/// <summary>
/// A work order as its client sees it behind the signed link: the workshop, the car, the stage chain as progress, the
/// estimate and what the workshop chose to share. Never the workshop's notes, internal comments, costs, stock or who
/// works on the car. <see cref="GarageUrl"/> is the client's page of all their cars and orders.
/// </summary>
internal sealed record TrackingView(
    Guid OrderId, string Workshop, long Number, string Status, string Vehicle, string Language, TrackingProgress Progress,
    TrackingEstimate Estimate, IReadOnlyList<TrackingEntry> Timeline, DateTimeOffset? ScheduledAt, DateTimeOffset? PromisedAt,
    DateTimeOffset StatusChangedAt, long Version, string GarageUrl);

/// <summary>
/// The stage chain: each stage's name in the workshop's language, status and position; the stage being worked on (or
/// next) as <see cref="Current"/>; how many are done or skipped of how many.
/// </summary>
internal sealed record TrackingProgress(int StagesDone, int StageCount, int? Current, IReadOnlyList<TrackingStage> Stages);

internal sealed record TrackingStage(int Position, string Name, string Status, bool Current);

/// <summary>
/// The estimate: each service line with its approval and gross price (VAT included), the parts with their gross prices,
/// the totals, and whether the client can decide now (<see cref="Open"/>: the order is <c>estimate_sent</c>).
/// </summary>
internal sealed record TrackingEstimate(
    bool Open, IReadOnlyList<TrackingLine> Lines, IReadOnlyList<TrackingPart> Parts, WorkOrderMoney Totals, DateTimeOffset? SentAt,
    DateTimeOffset? ApprovedAt);

internal sealed record TrackingLine(Guid LineId, string Name, string Approval, DateTimeOffset? DecidedAt, MoneyAmount Discount, MoneyAmount Vat, MoneyAmount Gross);

internal sealed record TrackingPart(Guid? LineId, string Name, decimal Quantity, string Unit, MoneyAmount Gross, bool Extra);

/// <summary>
/// One shared timeline entry: a comment (its text), a photo or document (a link that works for a short time), or a status
/// change (<see cref="Status"/>). No author ids.
/// </summary>
internal sealed record TrackingEntry(Guid Id, string Kind, DateTimeOffset At, string? Text, string? Status, int? StagePosition, TrackingFile? File);

internal sealed record TrackingFile(string Url, DateTimeOffset ExpiresAt, string FileName, string ContentType, bool Photo);

internal static class TrackingViews
{
    /// <summary>How long the links to shared photos work: long enough to look, short enough that a forwarded page goes stale.</summary>
    public static readonly TimeSpan FileLinkLifetime = TimeSpan.FromMinutes(15);

    /// <summary>The newest shared entries shown.</summary>
    public const int TimelineLimit = 100;

    public static TrackingProgress Progress(WorkOrder order, IReadOnlyCollection<WorkOrderStage> stages, string language)
    {
        var ordered = stages.OrderBy(s => s.Position).ToList();
        var current = WorkOrderStatuses.IsClosed(order.Status) || order.Status == WorkOrderStatuses.Ready
            ? null
            : (ordered.FirstOrDefault(s => s.Status == StageStatuses.InProgress) ?? ordered.FirstOrDefault(s => s.Status == StageStatuses.Pending));
        return new TrackingProgress(
            ordered.Count(s => s.Status is StageStatuses.Done or StageStatuses.Skipped), ordered.Count, current?.Position,
            [.. ordered.Select(s => new TrackingStage(s.Position, new RepairServices.WorkshopText(s.NameEn, s.NameRu).In(language) ?? "", s.Status, s == current))]);
    }

    public static TrackingEstimate Estimate(WorkOrder order, IEnumerable<WorkOrderLine> lines, IEnumerable<WorkOrderStage> stages, IEnumerable<WorkOrderPart> parts, string language) => new(
        order.Status == WorkOrderStatuses.EstimateSent,
        [.. lines.OrderBy(l => l.Position).Select(l =>
        {
            var net = WorkOrderTotals.LineNet(l);
            var vat = WorkOrderTotals.VatOf(net, l.VatRate);
            return new TrackingLine(
                l.Id, new RepairServices.WorkshopText(l.NameEn, l.NameRu).In(language) ?? "", l.Approval, l.DecidedAt,
                MinorUnits.View(l.DiscountMinor, order.Currency), MinorUnits.View(vat, order.Currency), MinorUnits.View(net + vat, order.Currency));
        })],
        [.. WorkOrderView.OrderParts(stages, parts).Select(p =>
        {
            var net = WorkOrderTotals.PartNet(p);
            return new TrackingPart(p.LineId, p.Name, p.QuantityMilli / 1000m, p.Unit, MinorUnits.View(net + WorkOrderTotals.VatOf(net, p.VatRate), order.Currency), p.Extra);
        })],
        WorkOrderMoney.Of(order), order.EstimateSentAt, order.ApprovedAt);

    /// <summary>The status a status-change entry moved to, from its data.</summary>
    public static string? StatusOf(WorkOrderEntry entry)
    {
        if (entry.Kind != EntryKinds.StatusChanged || entry.Data is null)
        {
            return null;
        }

        using var data = JsonDocument.Parse(entry.Data);
        return data.RootElement.TryGetProperty("to", out var to) && to.ValueKind == JsonValueKind.String ? to.GetString() : null;
    }
}
