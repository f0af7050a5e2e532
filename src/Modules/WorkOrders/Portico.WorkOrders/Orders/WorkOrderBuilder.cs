using Portico.Catalog.Contracts;
using Portico.Crm.Contracts;
using Portico.Data.Events;
using Portico.Inventory.Contracts;
using Portico.Kernel.Events;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;
using Portico.WorkOrders.Contracts;
using Portico.WorkOrders.Templates;

namespace Portico.WorkOrders.Orders;

/// <summary>
/// Opens work orders: checks the client, their vehicle and the services, copies each service's current stage template
/// (its stages, checklists and parts, priced from the Inventory) into the order, numbers it, writes the totals and the
/// first timeline entry and raises <c>work_order.created</c> in one unit of work; then reserves the parts, each in the
/// Inventory's own transaction, marking those the stock does not cover as short.
/// </summary>
internal sealed class WorkOrderBuilder(
    WorkOrdersDbContext db, RequestContext request, WorkOrderAccess access, StageChains chains, OrderJournal journal, Outbox outbox,
    IClientContacts clients, IVehicles vehicles, ICatalogServices catalog, IInventoryItems items, ITenantProfiles tenants, TrackingLinks links,
    PartReservations reservations, TimeProvider clock)
{
    public const int MaxServices = 30;
    public const int MaxText = 4000;

    public async Task<WorkOrder> CreateAsync(CreateWorkOrderInput input, CancellationToken cancellationToken)
    {
        var services = input.Services ?? [];
        var rules = new Rules()
            .Check(input.ContactId is { } c && c != Guid.Empty, "contactId", "is required: the client's CRM contact id.")
            .Check(input.VehicleId is { } v && v != Guid.Empty, "vehicleId", "is required: one of the client's vehicles.")
            .Check(services.Count is >= 1 and <= MaxServices, "services", $"must name 1 to {MaxServices} repair services.")
            .Check(input.Complaint is null || input.Complaint.Length <= MaxText, "complaint", $"must be at most {MaxText} characters.")
            .Check(input.Notes is null || input.Notes.Length <= MaxText, "notes", $"must be at most {MaxText} characters.")
            .Check(input.Odometer is null or (>= 0 and <= 10_000_000), "odometer", "must be from 0 to 10,000,000.")
            .Check(input.PromisedAt is null || input.ScheduledAt is null || input.PromisedAt >= input.ScheduledAt, "promisedAt", "must not be before scheduledAt.");
        for (var i = 0; i < Math.Min(services.Count, MaxServices); i++)
        {
            rules.Check(services[i]?.ServiceId is { } s && s != Guid.Empty, $"services[{i}].serviceId", "is required.");
        }

        rules.ThrowIfInvalid();
        var tenant = await tenants.FindAsync(request.RequiredTenantId, cancellationToken) ?? throw new NotFoundException("Tenant", request.RequiredTenantId);
        var contact = await clients.FindAsync(input.ContactId!.Value, cancellationToken);
        var vehicle = await vehicles.FindAsync(input.VehicleId!.Value, cancellationToken);
        rules.Check(contact is not null, "contactId", "is not a contact of this tenant.")
            .Check(vehicle is not null, "vehicleId", "is not a vehicle of this tenant.")
            .Check(vehicle is null || contact is null || vehicle.ContactId == contact.Id, "vehicleId", "belongs to another client.")
            .Check(vehicle is null || !vehicle.Archived, "vehicleId", "is archived: restore it first.");
        var ids = services.Select(s => s.ServiceId!.Value).ToList();
        var repairServices = await db.RepairServices.AsNoTracking().Where(s => ids.Contains(s.ServiceId)).ToDictionaryAsync(s => s.ServiceId, cancellationToken);
        var discounts = new long[services.Count];
        for (var i = 0; i < services.Count; i++)
        {
            rules.Check(repairServices.ContainsKey(ids[i]), $"services[{i}].serviceId", "is not a repair service of this workshop.");
            discounts[i] = MinorUnits.Parse(services[i].Discount, tenant.Currency, rules, $"services[{i}].discount") ?? 0;
            rules.Check(discounts[i] >= 0, $"services[{i}].discount", "must not be negative.");
            if (repairServices.TryGetValue(ids[i], out var found))
            {
                rules.Check(discounts[i] <= found.LabourMinor, $"services[{i}].discount", "must not be more than the labour price.");
            }
        }

        rules.Check(ids.Distinct().Count() == ids.Count, "services", "names a service twice.");
        if (input.MechanicId is { } mechanic)
        {
            await access.CheckAssignableAsync(mechanic, "mechanicId", cancellationToken);
        }

        rules.ThrowIfInvalid();

        var now = clock.GetUtcNow();
        var order = new WorkOrder
        {
            TenantId = request.RequiredTenantId,
            Status = WorkOrderStatuses.Draft,
            ContactId = contact!.Id,
            ContactName = contact.Name,
            ContactEmail = contact.Email,
            ContactPhone = contact.Phone,
            VehicleId = vehicle!.Id,
            VehicleLabel = LabelOf(vehicle),
            Odometer = input.Odometer ?? vehicle.Odometer,
            Complaint = Clean(input.Complaint),
            Notes = Clean(input.Notes),
            Currency = tenant.Currency,
            MechanicId = input.MechanicId,
            ScheduledAt = input.ScheduledAt,
            PromisedAt = input.PromisedAt,
            StatusChangedAt = now,
        };
        var (lines, stages, parts) = await CopyServicesAsync(order, [.. ids.Select(id => repairServices[id])], discounts, 0, 0, cancellationToken);
        order.StageCount = stages.Count;
        WorkOrderTotals.Apply(order, lines, parts);
        if (input.Odometer is { } odometer && odometer != vehicle.Odometer)
        {
            // Before the order is saved: a reading below the last one is a 422 and nothing is kept.
            await vehicles.AddOdometerReadingAsync(new OdometerReadingRequest(vehicle.Id, odometer, null, now, "work_order", order.Id, false), cancellationToken);
        }

        await journal.NameActorAsync(cancellationToken);
        journal.Add(order, EntryKinds.Created, data: new { services = lines.Count, stages = stages.Count, parts = parts.Count }, shared: true);
        if (order.MechanicId is { } assigned)
        {
            journal.Add(order, EntryKinds.MechanicAssigned, data: new { mechanicId = assigned });
        }

        db.Orders.Add(order);
        db.Lines.AddRange(lines);
        db.Stages.AddRange(stages);
        db.Parts.AddRange(parts);
        await SaveNumberedAsync(order, cancellationToken);
        if (input.ReserveParts ?? true)
        {
            await reservations.ReserveAsync(order, parts, cancellationToken);
        }

        return order;
    }

    /// <summary>
    /// Service lines for an order from repair services (with their labour discounts), each with a copy of its current
    /// stage template (stages from <paramref name="stagePosition"/> on) and the template's parts priced from the
    /// Inventory (unknown or archived items are left out). Nothing is saved.
    /// </summary>
    public async Task<(List<WorkOrderLine> Lines, List<WorkOrderStage> Stages, List<WorkOrderPart> Parts)> CopyServicesAsync(
        WorkOrder order, IReadOnlyList<RepairServices.RepairService> services, IReadOnlyList<long> discounts, int linePosition, int stagePosition,
        CancellationToken cancellationToken)
    {
        var ids = services.Select(s => s.ServiceId).ToList();
        var names = (await catalog.FindAsync(ids, cancellationToken)).ToDictionary(s => s.Id);
        var templates = (await chains.CurrentChainAsync(ids, cancellationToken)).ToDictionary(t => t.ServiceId);
        var itemIds = templates.Values.SelectMany(t => t.Stages).SelectMany(s => s.Parts).Select(p => p.ItemId).ToHashSet();
        var stock = (await items.FindAsync(itemIds, cancellationToken)).ToDictionary(i => i.Id);
        var lines = new List<WorkOrderLine>();
        var stages = new List<WorkOrderStage>();
        var parts = new List<WorkOrderPart>();
        for (var i = 0; i < services.Count; i++)
        {
            var service = services[i];
            var name = names.GetValueOrDefault(service.ServiceId)?.Name;
            var line = new WorkOrderLine
            {
                TenantId = order.TenantId,
                OrderId = order.Id,
                Position = linePosition + i,
                ServiceId = service.ServiceId,
                NameEn = name?.GetValueOrDefault("en") ?? name?.GetValueOrDefault("ru"),
                NameRu = name?.GetValueOrDefault("ru"),
                LabourMinor = service.LabourMinor,
                Hours = service.LabourKind == RepairServices.LabourKinds.Hourly ? service.StandardHours : null,
                DiscountMinor = discounts[i],
                VatRate = service.VatRate,
            };
            lines.Add(line);
            if (!templates.TryGetValue(service.ServiceId, out var template))
            {
                continue;
            }

            line.TemplateVersion = template.Number;
            foreach (var templateStage in template.Stages)
            {
                var stage = NewStage(order, line.Id, stagePosition + stages.Count, templateStage);
                stages.Add(stage);
                foreach (var templatePart in templateStage.Parts)
                {
                    if (stock.TryGetValue(templatePart.ItemId, out var item) && !item.Archived)
                    {
                        parts.Add(NewPart(order, line.Id, stage.Id, item, templatePart.Quantity, extra: false));
                    }
                }
            }
        }

        return (lines, stages, parts);
    }

    /// <summary>Numbers the order (the tenant's highest + 1) and saves; two orders racing for a number retry with the next.</summary>
    private async Task SaveNumberedAsync(WorkOrder order, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            order.Number = (await db.Orders.Where(o => o.TenantId == order.TenantId).MaxAsync(o => (long?)o.Number, cancellationToken) ?? 0) + 1;
            outbox.Publish(new WorkOrderCreated(
                order.Id, order.Number, order.Status, order.ContactId, order.VehicleId, order.VehicleLabel, MinorUnits.View(order.TotalMinor, order.Currency).Amount,
                order.Currency, links.PageFor(order.TenantId, order.Id), ContactOf(order)));
            try
            {
                await outbox.SaveChangesAsync(db, cancellationToken);
                return;
            }
            catch (ConflictException) when (attempt < 5)
            {
                // The unique (tenant, number) index refused it: another order took the number; take the next.
            }
        }
    }

    internal static WorkOrderStage NewStage(WorkOrder order, Guid? lineId, int position, TemplateStage template) => new()
    {
        TenantId = order.TenantId,
        OrderId = order.Id,
        LineId = lineId,
        TemplateStageId = template.Id,
        Position = position,
        NameEn = template.Name.En,
        NameRu = template.Name.Ru,
        ExpectedMinutes = template.ExpectedMinutes,
        RequiredSkill = template.RequiredSkill,
        Checklist = WorkOrderStageView.ChecklistJson([.. template.Checklist.Select(c => new ChecklistItem(c, false))]),
        PhotoRequired = template.PhotoRequired,
        MechanicId = order.MechanicId,
    };

    internal static WorkOrderPart NewPart(WorkOrder order, Guid? lineId, Guid? stageId, InventoryItemInfo item, decimal quantity, bool extra) => new()
    {
        TenantId = order.TenantId,
        OrderId = order.Id,
        LineId = lineId,
        StageId = stageId,
        ItemId = item.Id,
        Sku = item.Sku,
        Name = item.Name,
        Unit = item.Unit,
        QuantityMilli = (long)Math.Round(quantity * 1000m, MidpointRounding.AwayFromZero),
        UnitPriceMinor = item.SalePriceMinor ?? 0,
        VatRate = item.VatRate ?? 0,
        Extra = extra,
    };

    internal static EventContact ContactOf(WorkOrder order) => new(order.ContactName, order.ContactEmail, order.ContactPhone);

    internal static string LabelOf(VehicleInfo v) =>
        string.Join(" · ", new[] { $"{v.Make} {v.Model}".Trim() + (v.Year is { } y ? $" ({y})" : ""), v.Plate }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
