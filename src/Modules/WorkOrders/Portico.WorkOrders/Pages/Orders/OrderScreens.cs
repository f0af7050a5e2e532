using Portico.Catalog.Contracts;
using Portico.Crm.Contracts;
using Portico.Identity.Contracts;
using Portico.Inventory.Contracts;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;
using Portico.WorkOrders.Orders;
using Portico.WorkOrders.Templates;

namespace Portico.WorkOrders.Pages.Orders;

/// <summary>
/// What the order wizard shows before anything is saved: the service lines, the stage chain copied from the current
/// templates, the parts with the stock available for them, and the totals, computed by the same code that prices a
/// real order (<see cref="WorkOrderTotals"/>), so the estimate shown is the estimate made.
/// </summary>
internal static class PreviewWorkOrder
{
    /// <summary>A part as the wizard shows it: the order's view of it, what the stock has, and whether it would fall short.</summary>
    internal sealed record PreviewPart(WorkOrderPartView Part, decimal Available, bool Short);

    internal sealed record Preview(
        IReadOnlyList<WorkOrderLineView> Lines, IReadOnlyList<WorkOrderStageView> Stages, IReadOnlyList<PreviewPart> Parts, WorkOrderMoney Totals);

    [RequiresPermission(WorkOrdersPermissions.Write)]
    internal sealed class Handler(
        WorkOrdersDbContext db, RequestContext request, StageChains chains, ICatalogServices catalog, IInventoryItems items, ITenantProfiles tenants)
    {
        public async Task<Preview> HandleAsync(IReadOnlyList<WorkOrderServiceInput> services, CancellationToken cancellationToken)
        {
            var tenant = await tenants.FindAsync(request.RequiredTenantId, cancellationToken) ?? throw new NotFoundException("Tenant", request.RequiredTenantId);
            var ids = services.Select(s => s.ServiceId ?? Guid.Empty).Distinct().ToList();
            var repair = await db.RepairServices.AsNoTracking().Where(s => ids.Contains(s.ServiceId)).ToDictionaryAsync(s => s.ServiceId, cancellationToken);
            var names = (await catalog.FindAsync(ids, cancellationToken)).ToDictionary(s => s.Id);
            var templates = (await chains.CurrentChainAsync(ids, cancellationToken)).ToDictionary(t => t.ServiceId);
            var itemIds = templates.Values.SelectMany(t => t.Stages).SelectMany(s => s.Parts).Select(p => p.ItemId).ToHashSet();
            var stock = (await items.FindAsync(itemIds, cancellationToken)).ToDictionary(i => i.Id);

            var order = new WorkOrder { TenantId = request.RequiredTenantId, Currency = tenant.Currency, Status = WorkOrderStatuses.Draft, ContactName = "", VehicleLabel = "" };
            var lines = new List<WorkOrderLine>();
            var stages = new List<WorkOrderStage>();
            var parts = new List<WorkOrderPart>();
            foreach (var input in services)
            {
                if (input.ServiceId is not { } id || !repair.TryGetValue(id, out var service) || lines.Any(l => l.ServiceId == id))
                {
                    continue;
                }

                var name = names.GetValueOrDefault(id)?.Name;
                var discount = MinorUnits.TryParse(input.Discount, tenant.Currency, out var minor) ? Math.Clamp(minor, 0, service.LabourMinor) : 0;
                var line = new WorkOrderLine
                {
                    TenantId = order.TenantId,
                    OrderId = order.Id,
                    Position = lines.Count,
                    ServiceId = id,
                    NameEn = name?.GetValueOrDefault("en") ?? name?.GetValueOrDefault("ru"),
                    NameRu = name?.GetValueOrDefault("ru"),
                    LabourMinor = service.LabourMinor,
                    Hours = service.LabourKind == RepairServices.LabourKinds.Hourly ? service.StandardHours : null,
                    DiscountMinor = discount,
                    VatRate = service.VatRate,
                };
                lines.Add(line);
                if (!templates.TryGetValue(id, out var template))
                {
                    continue;
                }

                line.TemplateVersion = template.Number;
                foreach (var templateStage in template.Stages)
                {
                    var stage = WorkOrderBuilder.NewStage(order, line.Id, stages.Count, templateStage);
                    stages.Add(stage);
                    foreach (var templatePart in templateStage.Parts)
                    {
                        if (stock.TryGetValue(templatePart.ItemId, out var item) && !item.Archived)
                        {
                            parts.Add(WorkOrderBuilder.NewPart(order, line.Id, stage.Id, item, templatePart.Quantity, extra: false));
                        }
                    }
                }
            }

            WorkOrderTotals.Apply(order, lines, parts);
            var wanted = new Dictionary<Guid, long>();
            var shown = new List<PreviewPart>();
            foreach (var part in parts)
            {
                wanted[part.ItemId] = wanted.GetValueOrDefault(part.ItemId) + part.QuantityMilli;
                var available = stock[part.ItemId].Available;
                shown.Add(new PreviewPart(WorkOrderPartView.From(part, order.Currency), available, wanted[part.ItemId] > available * 1000m));
            }

            return new Preview(
                [.. lines.Select(l => WorkOrderLineView.From(l, order.Currency))], [.. stages.Select(WorkOrderStageView.From)], shown, WorkOrderMoney.Of(order));
        }
    }
}

/// <summary>The wizard's pickers: clients by name, email or phone, and a client's vehicles (from the CRM's contracts).</summary>
internal static class OrderClientPicker
{
    [RequiresPermission(WorkOrdersPermissions.Write)]
    internal sealed class Handler(IClientContacts clients, IVehicles vehicles)
    {
        public Task<IReadOnlyList<ClientContact>> SearchAsync(string? q, CancellationToken cancellationToken) => clients.SearchAsync(q, 20, cancellationToken);

        public async Task<IReadOnlyList<VehicleInfo>> VehiclesAsync(Guid contactId, CancellationToken cancellationToken) =>
            [.. (await vehicles.ListByContactAsync(contactId, cancellationToken)).Where(v => !v.Archived)];
    }
}

/// <summary>The orders board: one keyset page of orders per status column.</summary>
internal static class OrdersBoard
{
    public const int ColumnSize = 20;

    [RequiresPermission(WorkOrdersPermissions.Read)]
    internal sealed class Handler(ListWorkOrders.Handler list)
    {
        public async Task<Dictionary<string, Page<WorkOrderSummary>>> HandleAsync(IReadOnlyList<string> statuses, CancellationToken cancellationToken)
        {
            var columns = new Dictionary<string, Page<WorkOrderSummary>>(StringComparer.Ordinal);
            foreach (var status in statuses)
            {
                columns[status] = await list.HandleAsync(new ListWorkOrders.Query(status, null, null, null, ColumnSize, null, "-statusChangedAt"), cancellationToken);
            }

            return columns;
        }

        public Task<Page<WorkOrderSummary>> MoreAsync(string status, string cursor, CancellationToken cancellationToken) =>
            list.HandleAsync(new ListWorkOrders.Query(status, null, null, null, ColumnSize, cursor, "-statusChangedAt"), cancellationToken);
    }
}

/// <summary>Names of the members an order page shows (the mechanics of its stages).</summary>
internal static class MemberNames
{
    [RequiresPermission(WorkOrdersPermissions.Read)]
    internal sealed class Handler(IUserDirectory users)
    {
        public async Task<Dictionary<Guid, string>> HandleAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
            ids.Count == 0 ? [] : (await users.FindByIdsAsync(ids, cancellationToken)).ToDictionary(u => u.Id, u => u.FullName);
    }
}

/// <summary>Money of the order screens in the reader's style.</summary>
internal static class OrderMoney
{
    public static string Format(MoneyAmount? money)
    {
        if (money is null)
        {
            return "—";
        }

        return MinorUnits.Digits(money.Currency) == 2 && MinorUnits.TryParse(money.Amount, money.Currency, out var minor)
            ? Portico.Console.Shell.Formats.Money(minor, money.Currency)
            : $"{money.Amount} {money.Currency}";
    }
}
