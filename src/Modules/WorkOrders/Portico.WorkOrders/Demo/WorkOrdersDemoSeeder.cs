using Microsoft.Extensions.DependencyInjection;
using Portico.Catalog.Contracts;
using Portico.Crm.Contracts;
using Portico.Data.Events;
using Portico.Identity.Contracts;
using Portico.Inventory.Contracts;
using Portico.Kernel.Events;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders.Orders;
using Portico.WorkOrders.RepairServices;
using Portico.WorkOrders.Templates;

namespace Portico.WorkOrders.Demo;

/// <summary>
/// The demo workshop (<c>demo-workshop</c>, «Колесо», RUB) gets its repair services over the Catalog's workshop menu
/// (labour prices, VAT 20 %) with Russian stage templates (checklists, photos, the parts from the demo stock), and a
/// dozen work orders for the CRM's clients and their cars in every status, from a draft to delivered and cancelled.
/// Orders are built and moved by the same use cases as the API (<see cref="WorkOrderBuilder"/>,
/// <see cref="WorkOrderFlow"/>), so parts are reserved, released and the timeline is written as for a user; stages of
/// orders in work are marked done here, their parts consumed from the reservations. Runs after the Catalog, CRM
/// (vehicles) and Inventory demos; repair services are made only when the workshop has none, orders only when it has
/// none. The demo mechanic («Сергей Механиков», <c>mechanic@demo-workshop.portico.test</c>, when the Tenancy demo made
/// them a Mechanic member) gets some orders whole and single stages of others, so their "My work" has a queue.
/// </summary>
internal sealed class WorkOrdersDemoSeeder(IServiceScopeFactory scopes, ITenantDirectory tenants, TimeProvider clock) : IDemoSeeder
{
    private const string Slug = "demo-workshop";
    private const string Actor = "system:seed";

    /// <summary>The demo workshop's Mechanic member (made by the Identity and Tenancy demo seeders).</summary>
    public const string MechanicEmail = "mechanic@demo-workshop.portico.test";

    private sealed record DemoStage(string Ru, string En, int Minutes, string? Skill, string[] Checklist, bool Photo = false, (string Sku, decimal Quantity)[]? Parts = null);

    private sealed record DemoService(string Ru, string Kind, string Amount, decimal? Hours, DemoStage[] Stages);

    private static readonly DemoService[] Services =
    [
        new("Компьютерная диагностика", LabourKinds.Fixed, "1500.00", null,
        [
            new("Диагностика", "Diagnostics", 30, "электрика", ["Считать коды ошибок", "Проверить показания датчиков", "Проверить заряд аккумулятора", "Составить заключение"]),
        ]),
        new("Замена масла и фильтров", LabourKinds.Fixed, "1200.00", null,
        [
            new("Слив масла и замена фильтров", "Oil drain and filters", 30, "ТО", ["Слить старое масло", "Заменить масляный фильтр", "Заменить воздушный фильтр"],
                Parts: [("OF-W914", 1), ("AF-C2201", 1)]),
            new("Заливка масла и проверка", "Oil fill and check", 15, "ТО", ["Залить масло до уровня", "Проверить на течи", "Сбросить сервисный интервал"],
                Parts: [("OIL-5W30", 4)]),
        ]),
        new("Замена свечей зажигания", LabourKinds.Fixed, "1000.00", null,
        [
            new("Замена свечей", "Spark plugs", 40, "двигатель", ["Снять катушки зажигания", "Заменить свечи", "Проверить зазоры"], Parts: [("SP-NGK", 4)]),
        ]),
        new("Замена антифриза", LabourKinds.Fixed, "1800.00", null,
        [
            new("Слив и промывка", "Drain and flush", 30, "ТО", ["Слить антифриз", "Промыть систему"]),
            new("Заправка и удаление воздуха", "Refill and bleed", 30, "ТО", ["Залить антифриз", "Удалить воздушные пробки", "Проверить герметичность"],
                Parts: [("AFZ-G12", 6)]),
        ]),
        new("Замена тормозных колодок", LabourKinds.Hourly, "2400.00", 1.5m,
        [
            new("Диагностика тормозной системы", "Brake inspection", 20, "ходовая", ["Проверить толщину колодок", "Проверить диски", "Проверить суппорты"]),
            new("Замена колодок", "Pad replacement", 50, "ходовая", ["Снять колёса", "Заменить колодки", "Долить тормозную жидкость"], Photo: true,
                Parts: [("BP-F0986", 1), ("BF-DOT4", 0.5m)]),
            new("Тест-драйв", "Test drive", 20, null, ["Проверить торможение на ходу", "Проверить отсутствие скрипа"]),
        ]),
        new("Замена сцепления", LabourKinds.Hourly, "2400.00", 5m,
        [
            new("Снятие коробки передач", "Gearbox removal", 120, "трансмиссия", ["Слить масло КПП", "Снять КПП"]),
            new("Замена комплекта сцепления", "Clutch kit replacement", 90, "трансмиссия", ["Заменить диск и корзину", "Заменить выжимной подшипник", "Проверить маховик"],
                Photo: true, Parts: [("CL-KIT", 1)]),
            new("Установка КПП и проверка", "Gearbox refit and check", 90, "трансмиссия", ["Установить КПП", "Залить масло", "Проверить включение передач"]),
        ]),
    ];

    /// <summary>
    /// How far a demo order got: its status, services (by Russian name), the complaint, stages done (-1: all), a cancel
    /// reason; whether the demo mechanic has the whole order, or only the stage at <c>MechanicStage</c>.
    /// </summary>
    private sealed record DemoOrder(
        string Status, string[] Services, string Complaint, int Done = 0, string? Reason = null, int Day = 0, string? Comment = null, bool Mechanic = false,
        int? MechanicStage = null);

    private static readonly DemoOrder[] Orders =
    [
        new(WorkOrderStatuses.Delivered, ["Замена масла и фильтров"], "Плановое ТО, пробег подошёл.", Done: -1, Day: -6),
        new(WorkOrderStatuses.Delivered, ["Замена тормозных колодок"], "Скрипят тормоза при остановке.", Done: -1, Day: -4,
            Comment: "Колодки были изношены до 2 мм, диски в норме.", Mechanic: true),
        new(WorkOrderStatuses.Cancelled, ["Замена сцепления"], "Пробуксовывает сцепление.", Reason: "Клиент решил ремонтировать у дилера.", Day: -3),
        new(WorkOrderStatuses.Ready, ["Замена антифриза"], "Антифриз потемнел, давно не меняли.", Done: -1, Day: -1, Mechanic: true),
        new(WorkOrderStatuses.WaitingForParts, ["Замена сцепления"], "Сцепление берёт на самом верху, рывки при трогании.", Done: 1, Day: -1,
            Comment: "КПП снята. У нового диска сцепления трещина, комплект возвращаем поставщику.", Mechanic: true),
        new(WorkOrderStatuses.InProgress, ["Замена масла и фильтров", "Замена тормозных колодок"], "ТО и проверка тормозов перед поездкой на юг.", Done: 2,
            Comment: "Масло заменено, приступаем к тормозам.", Mechanic: true),
        new(WorkOrderStatuses.InProgress, ["Компьютерная диагностика"], "Горит Check Engine, машина едет нормально."),
        new(WorkOrderStatuses.Scheduled, ["Замена тормозных колодок"], "Горит индикатор износа колодок.", Day: 1, Mechanic: true),
        new(WorkOrderStatuses.Scheduled, ["Замена свечей зажигания", "Компьютерная диагностика"], "Троит двигатель на холодную.", Day: 2, MechanicStage: 0),
        new(WorkOrderStatuses.Approved, ["Замена масла и фильтров", "Замена свечей зажигания"], "ТО-60 000.", MechanicStage: 2),
        new(WorkOrderStatuses.EstimateSent, ["Замена антифриза", "Компьютерная диагностика"], "Стрелка температуры выше середины."),
        new(WorkOrderStatuses.Draft, ["Компьютерная диагностика"], "Не заводится с первого раза по утрам."),
    ];

    public int Order => 50;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await tenants.FindBySlugAsync(Slug, cancellationToken) is not { } tenant)
        {
            return;
        }

        var catalog = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var clients = new List<(Guid Contact, Guid Vehicle, long? Odometer)>();
        var seeded = false;
        (Guid Id, string Name)? mechanic = null;
        await scopes.RunAsync(tenant.Id, tenant.Slug, Actor, async services =>
        {
            await EnsureServicesAsync(services, catalog, cancellationToken);
            var db = services.GetRequiredService<WorkOrdersDbContext>();
            seeded = await db.Orders.AnyAsync(cancellationToken);
            if (seeded)
            {
                return;
            }

            mechanic = await DemoMechanicAsync(services, tenant.Id, cancellationToken);

            var vehicles = services.GetRequiredService<IVehicles>();
            foreach (var contact in await services.GetRequiredService<IClientContacts>().PeopleWithPhonesAsync(Orders.Length * 2, cancellationToken))
            {
                if ((await vehicles.ListByContactAsync(contact.Id, cancellationToken)).FirstOrDefault(v => !v.Archived) is { } car)
                {
                    clients.Add((contact.Id, car.Id, car.Odometer));
                }
            }
        });
        if (seeded || clients.Count == 0 || Orders.SelectMany(o => o.Services).Any(s => !catalog.ContainsKey(s)))
        {
            return;
        }

        var today = clock.GetUtcNow().UtcDateTime.Date;
        for (var i = 0; i < Orders.Length; i++)
        {
            var demo = Orders[i];
            var (contact, vehicle, odometer) = clients[i % clients.Count];
            // Each order in its own scope: a clean unit of work and outbox, as one API request each.
            await scopes.RunAsync(tenant.Id, tenant.Slug, Actor, services =>
                BuildAsync(services, demo, contact, vehicle, odometer, catalog, new DateTimeOffset(today.AddDays(demo.Day).AddHours(7 + i % 5), TimeSpan.Zero), mechanic, cancellationToken));
        }
    }

    /// <summary>The demo mechanic's user id, when they are a Mechanic member of the demo workshop.</summary>
    private static async Task<(Guid Id, string Name)?> DemoMechanicAsync(IServiceProvider services, Guid tenantId, CancellationToken cancellationToken)
    {
        if (await services.GetRequiredService<IUserDirectory>().FindByEmailAsync(MechanicEmail, cancellationToken) is not { } user)
        {
            return null;
        }

        var mechanics = await services.GetRequiredService<Tenancy.Contracts.IMembershipDirectory>().ListMembersAsync(tenantId, [Roles.Mechanic], cancellationToken);
        return mechanics.Any(m => m.UserId == user.Id) ? (user.Id, user.FullName) : null;
    }

    /// <summary>The repair services and their templates, when the workshop has none; fills <paramref name="catalog"/> with the Catalog ids by Russian name.</summary>
    private static async Task EnsureServicesAsync(IServiceProvider services, Dictionary<string, Guid> catalog, CancellationToken cancellationToken)
    {
        foreach (var service in await services.GetRequiredService<ICatalogServices>().ListAsync(cancellationToken))
        {
            if (service.Name.TryGetValue("ru", out var ru) && Services.Any(s => s.Ru == ru))
            {
                catalog[ru] = service.Id;
            }
        }

        var db = services.GetRequiredService<WorkOrdersDbContext>();
        if (catalog.Count < Services.Length || await db.RepairServices.AnyAsync(cancellationToken))
        {
            return;
        }

        var stock = (await services.GetRequiredService<IInventoryItems>().ListAsync(null, 200, cancellationToken)).ToDictionary(i => i.Sku, StringComparer.Ordinal);
        var writer = services.GetRequiredService<RepairServiceWriter>();
        var chains = services.GetRequiredService<StageChains>();
        foreach (var demo in Services)
        {
            var id = catalog[demo.Ru];
            var labour = demo.Kind == LabourKinds.Fixed ? new LabourInput(demo.Kind, demo.Amount, null, null) : new LabourInput(demo.Kind, null, demo.Amount, demo.Hours);
            await writer.CreateAsync(new CreateRepairServiceInput(id, labour, 20), cancellationToken);
            await chains.SaveAsync(id, null, [.. demo.Stages.Select(s => new TemplateStageInput(
                null, new WorkshopText(s.En, s.Ru), s.Minutes, s.Skill, s.Checklist, s.Photo,
                [.. (s.Parts ?? []).Where(p => stock.ContainsKey(p.Sku)).Select(p => new TemplatePartInput(stock[p.Sku].Id, p.Quantity))]))], cancellationToken);
        }
    }

    private static async Task BuildAsync(
        IServiceProvider services, DemoOrder demo, Guid contact, Guid vehicle, long? odometer, Dictionary<string, Guid> catalog, DateTimeOffset at, (Guid Id, string Name)? mechanic,
        CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WorkOrdersDbContext>();
        var outbox = services.GetRequiredService<Outbox>();
        var flow = services.GetRequiredService<WorkOrderFlow>();
        var order = await services.GetRequiredService<WorkOrderBuilder>().CreateAsync(new CreateWorkOrderInput(
            contact, vehicle, [.. demo.Services.Select(s => new WorkOrderServiceInput(catalog[s], null))], demo.Complaint, null,
            odometer is { } read ? read + 350 : null, demo.Mechanic ? mechanic?.Id : null, null, at.AddHours(4), null), cancellationToken);
        if (mechanic is { } assigned && demo.MechanicStage is { } position
            && await db.Stages.FirstOrDefaultAsync(s => s.OrderId == order.Id && s.Position == position, cancellationToken) is { } stage)
        {
            // One stage of the order is the demo mechanic's, as the stage assignment makes it.
            stage.MechanicId = assigned.Id;
            stage.MechanicAssignedDirectly = true;
            var journal = services.GetRequiredService<OrderJournal>();
            journal.Add(order, EntryKinds.MechanicAssigned, assigned.Name, new { mechanicId = assigned.Id, direct = true, stage = stage.NameRu }, stage.Id);
            await outbox.SaveChangesAsync(db, cancellationToken);
        }

        async Task MoveAsync(string to, string? reason = null, DateTimeOffset? scheduledAt = null)
        {
            await flow.MoveAsync(order, to, reason, scheduledAt, cancellationToken);
            await outbox.SaveChangesAsync(db, cancellationToken);
        }

        if (demo.Status == WorkOrderStatuses.Draft)
        {
            return;
        }

        await MoveAsync(WorkOrderStatuses.EstimateSent);
        if (demo.Status == WorkOrderStatuses.Cancelled)
        {
            await MoveAsync(WorkOrderStatuses.Cancelled, demo.Reason);
            return;
        }

        if (demo.Status == WorkOrderStatuses.EstimateSent)
        {
            return;
        }

        await MoveAsync(WorkOrderStatuses.Approved);
        if (demo.Status == WorkOrderStatuses.Approved)
        {
            return;
        }

        await MoveAsync(WorkOrderStatuses.Scheduled, scheduledAt: at);
        if (demo.Status == WorkOrderStatuses.Scheduled)
        {
            return;
        }

        await MoveAsync(WorkOrderStatuses.InProgress);
        await WorkStagesAsync(services, order, demo, at, cancellationToken);
        if (demo.Status == WorkOrderStatuses.WaitingForParts)
        {
            await MoveAsync(WorkOrderStatuses.WaitingForParts, "Комплект сцепления пришёл с браком, ждём замену от поставщика.");
        }

        if (demo.Status is WorkOrderStatuses.Ready or WorkOrderStatuses.Delivered)
        {
            await MoveAsync(WorkOrderStatuses.Ready);
        }

        if (demo.Status == WorkOrderStatuses.Delivered)
        {
            await MoveAsync(WorkOrderStatuses.Delivered);
        }

    }

    /// <summary>
    /// The stage work of an order in the workshop (no stage use case here yet): the first <c>Done</c> stages (all for -1)
    /// done with their checklists ticked and reserved parts consumed, the next one started; timeline entries as the
    /// stage work writes them.
    /// </summary>
    private static async Task WorkStagesAsync(IServiceProvider services, WorkOrder order, DemoOrder demo, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WorkOrdersDbContext>();
        var journal = services.GetRequiredService<OrderJournal>();
        var reservations = services.GetRequiredService<PartReservations>();
        var stages = await db.Stages.Where(s => s.OrderId == order.Id).OrderBy(s => s.Position).ToListAsync(cancellationToken);
        var parts = await db.Parts.Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken);
        var done = demo.Done < 0 ? stages.Count : Math.Min(demo.Done, stages.Count);
        var clock = at;
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            if (i > done || (i == done && demo.Status != WorkOrderStatuses.InProgress))
            {
                break;
            }

            stage.Status = StageStatuses.InProgress;
            stage.StartedAt = clock;
            journal.Add(order, EntryKinds.StageStarted, stage.NameRu, stageId: stage.Id, shared: true);
            if (i == done)
            {
                break;
            }

            var minutes = stage.ExpectedMinutes + (i % 3 * 10) - 5;
            clock = clock.AddMinutes(Math.Max(5, minutes));
            stage.Status = StageStatuses.Done;
            stage.CompletedAt = clock;
            stage.ActualMinutes = Math.Max(5, minutes);
            stage.CompletedBy = stage.MechanicId;
            stage.Checklist = WorkOrderStageView.ChecklistJson([.. WorkOrderStageView.ChecklistOf(stage).Select(c => c with { Done = true, DoneAt = clock })]);
            foreach (var part in parts.Where(p => p.StageId == stage.Id && p.State == PartStates.Reserved))
            {
                await reservations.ConsumeAsync(order, part, part.QuantityMilli - part.ConsumedMilli, cancellationToken);
            }

            journal.Add(order, EntryKinds.StageCompleted, stage.NameRu, new { actualMinutes = stage.ActualMinutes }, stage.Id, shared: true);
            order.StagesDone++;
            if (demo.Comment is { } comment && i == done - 1)
            {
                journal.Add(order, EntryKinds.Comment, comment, stageId: stage.Id, shared: true);
                stage.CommentCount++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
