using Portico.WorkOrders.RepairServices;

namespace Portico.WorkOrders.Orders;

/// <summary>
/// The money of a work order, line by line: labour of each service line and each part (unit price × quantity, rounded
/// half up to the minor unit), less its discount, plus VAT at the line's own rate, rounded per line as an invoice shows
/// it. Declined lines and their parts count for nothing. The one place totals are computed: orders, estimates, the
/// tracking page, reports and the PDF all read what this wrote.
/// </summary>
internal static class WorkOrderTotals
{
    public static long PartNet(WorkOrderPart part) =>
        Math.Max(0, (long)Math.Round(part.UnitPriceMinor * part.QuantityMilli / 1000m, MidpointRounding.AwayFromZero) - part.DiscountMinor);

    public static long LineNet(WorkOrderLine line) => Math.Max(0, line.LabourMinor - line.DiscountMinor);

    public static long VatOf(long net, decimal rate) => RepairServiceView.VatOf(net, rate);

    /// <summary>Writes the order's labour, parts, discount, VAT and total from its lines and parts.</summary>
    public static void Apply(WorkOrder order, IReadOnlyCollection<WorkOrderLine> lines, IReadOnlyCollection<WorkOrderPart> parts)
    {
        var declined = lines.Where(l => l.Approval == Approvals.Declined).Select(l => l.Id).ToHashSet();
        var counted = lines.Where(l => !declined.Contains(l.Id)).ToList();
        var countedParts = parts.Where(p => p.LineId is not { } line || !declined.Contains(line)).ToList();
        order.LabourMinor = counted.Sum(LineNet);
        order.PartsMinor = countedParts.Sum(PartNet);
        order.DiscountMinor = counted.Sum(l => Math.Min(l.DiscountMinor, l.LabourMinor))
            + countedParts.Sum(p => Math.Min(p.DiscountMinor, (long)Math.Round(p.UnitPriceMinor * p.QuantityMilli / 1000m, MidpointRounding.AwayFromZero)));
        order.VatMinor = counted.Sum(l => VatOf(LineNet(l), l.VatRate)) + countedParts.Sum(p => VatOf(PartNet(p), p.VatRate));
        order.TotalMinor = order.LabourMinor + order.PartsMinor + order.VatMinor;
    }
}
