using System.Net;
using System.Net.Http.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.WorkOrders;

public abstract class WorkOrderEditTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task Services_stages_and_parts_are_edited_on_the_order_with_totals_reservations_and_the_timeline_kept_true()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        var order = await shop.OpenOrderAsync();
        var id = order.Str("id");

        // A second service, without a template: a line without stages.
        var oil = await shop.Client.PostJson(shop.Api("catalog/services"), new { name = new { ru = "Замена масла", en = "Oil change" }, price = new { kind = "fixed", amount = "0" }, durationMinutes = 30 })
            .ShouldBe(HttpStatusCode.Created);
        await shop.Client.PostJson(shop.Workshop("services"), new { serviceId = oil.Str("id"), labour = new { kind = "fixed", price = "1000.00" }, vatRate = 20 }).ShouldBe(HttpStatusCode.Created);
        var added = await shop.Client.PostJson(shop.Order(id, "/lines"), new { serviceId = oil.Str("id"), discount = "100.00" }).ShouldBeOk();
        added.GetProperty("lines").GetArrayLength().ShouldBe(2);
        added.GetProperty("totals").GetProperty("labour").Str("amount").ShouldBe("3900.00");
        await shop.Client.PostJson(shop.Order(id, "/lines"), new { serviceId = oil.Str("id") }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        // A stage by hand at the front, then moved to the end.
        var withStage = await shop.Client.PostJson(shop.Order(id, "/stages"), new { name = new { ru = "Мойка" }, expectedMinutes = 20, position = 0 }).ShouldBeOk();
        var stages = withStage.GetProperty("stages").EnumerateArray().ToList();
        stages.Select(s => s.GetProperty("name").Str("ru")).ShouldBe(["Мойка", "Диагностика", "Замена колодок"]);
        withStage.GetProperty("stageCount").GetInt32().ShouldBe(3);
        var moved = await shop.Client.PostJson(shop.Order(id, "/stages/move"), new { stageId = stages[0].Str("id"), to = 2 }).ShouldBeOk();
        moved.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").Str("ru")).ShouldBe(["Диагностика", "Замена колодок", "Мойка"]);
        await shop.Client.PostJson(shop.Order(id, "/stages/move"), new { stageId = stages[0].Str("id"), to = 9 }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        // The pad stage leaves: its parts are released and no longer billed.
        var padStage = stages.Single(s => s.GetProperty("name").Str("ru") == "Замена колодок").Str("id");
        (await shop.AvailableAsync(shop.PadsId)).ShouldBe(3m);
        var removed = await (await shop.Client.DeleteAsync(shop.Order(id, $"/stages/{padStage}"))).ShouldBe(HttpStatusCode.OK);
        removed.GetProperty("parts").GetArrayLength().ShouldBe(0);
        removed.GetProperty("totals").GetProperty("parts").Str("amount").ShouldBe("0.00");
        (await shop.AvailableAsync(shop.PadsId)).ShouldBe(4m);
        (await shop.AvailableAsync(shop.FluidId)).ShouldBe(10m);

        // The client declines the brakes by phone: its stages are skipped; the rest is approved with the order.
        var brakesLine = removed.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("name").Str("ru") == "Замена тормозных колодок").Str("id");
        var declined = await shop.Client.PatchJson(shop.Order(id, $"/lines/{brakesLine}"), new { decision = "declined" }).ShouldBeOk();
        declined.GetProperty("totals").GetProperty("labour").Str("amount").ShouldBe("900.00");
        declined.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("name").Str("ru") == "Диагностика").Str("status").ShouldBe("skipped");
        var approved = await shop.MoveAsync(id, "approved");
        approved.GetProperty("lines").EnumerateArray().Select(l => l.Str("approval")).Order().ShouldBe(["approved", "declined"]);

        var patched = await shop.Client.PatchJson(shop.Order(id), new { notes = "Клиент ждёт в зоне отдыха" }, ifMatch: $"\"{approved.GetProperty("version").GetInt64()}\"").ShouldBeOk();
        patched.Str("notes").ShouldBe("Клиент ждёт в зоне отдыха");
        await shop.Client.PatchJson(shop.Order(id), new { notes = "stale" }, ifMatch: $"\"{approved.GetProperty("version").GetInt64()}\"")
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed);

        var kinds = (await shop.Client.GetAsync(shop.Order(id, "/timeline?limit=50")).ShouldBeOk()).GetProperty("items").EnumerateArray().Select(e => e.Str("kind")).ToList();
        kinds.ShouldContain("line_added");
        kinds.ShouldContain("stage_added");
        kinds.ShouldContain("stages_reordered");
        kinds.ShouldContain("stage_removed");
        kinds.ShouldContain("line_decided");
        kinds.ShouldContain("edited");

        await shop.MoveAsync(id, "cancelled");
        await shop.Client.PostJson(shop.Order(id, "/stages"), new { name = new { ru = "Ещё" }, expectedMinutes = 5 }).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_part_removed_while_the_order_is_being_edited_gives_its_stock_back_and_the_order_says_so()
    {
        // The Inventory's release commits before the order is saved: an edit of the order landing in between must not turn
        // the removal into a 412 that leaves the part listed as reserved while its stock is free again.
        const int Orders = 6;
        var shop = await WorkshopShop.CreateAsync(app, pads: Orders);
        var orders = new List<(string Id, string Part)>();
        for (var i = 0; i < Orders; i++)
        {
            var order = await shop.OpenOrderAsync();
            orders.Add((order.Str("id"), order.GetProperty("parts").EnumerateArray().Single(p => p.Str("itemId") == shop.PadsId).Str("id")));
        }

        (await shop.AvailableAsync(shop.PadsId)).ShouldBe(0m);
        foreach (var (id, part) in orders)
        {
            var removal = shop.Client.DeleteAsync(shop.Order(id, $"/parts/{part}"));
            var edits = Enumerable.Range(1, 3).Select(n => shop.Client.PatchJson(shop.Order(id), new { notes = $"Клиент звонил {n} раз" })).ToList();
            await removal.ShouldBe(HttpStatusCode.OK);
            (await Task.WhenAll(edits)).Select(e => e.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.PreconditionFailed);
            var parts = (await shop.Client.GetAsync(shop.Order(id)).ShouldBeOk()).GetProperty("parts").EnumerateArray().ToList();
            parts.Select(p => (p.Str("itemId"), p.Str("state"))).ShouldBe([(shop.FluidId, "reserved")]);
        }

        (await shop.AvailableAsync(shop.PadsId)).ShouldBe(Orders);
    }

    [Fact]
    public async Task An_order_cancelled_while_it_is_being_edited_is_cancelled_with_its_stock_back()
    {
        const int Orders = 6;
        var shop = await WorkshopShop.CreateAsync(app, pads: Orders);
        var orders = new List<string>();
        for (var i = 0; i < Orders; i++)
        {
            orders.Add((await shop.OpenOrderAsync()).Str("id"));
        }

        foreach (var id in orders)
        {
            var cancel = shop.Client.PostJson(shop.Order(id, "/status"), new { status = "cancelled", reason = "Клиент передумал" });
            var edits = Enumerable.Range(1, 3).Select(n => shop.Client.PatchJson(shop.Order(id), new { notes = $"Клиент звонил {n} раз" })).ToList();
            (await cancel.ShouldBeOk()).Str("status").ShouldBe("cancelled");
            (await Task.WhenAll(edits)).Select(e => e.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.PreconditionFailed || s == HttpStatusCode.Conflict);
            var stored = await shop.Client.GetAsync(shop.Order(id)).ShouldBeOk();
            stored.Str("status").ShouldBe("cancelled");
            stored.GetProperty("parts").EnumerateArray().Select(p => p.Str("state")).ShouldAllBe(state => state == "released");
        }

        (await shop.AvailableAsync(shop.PadsId)).ShouldBe(Orders);
    }

    [Fact]
    public async Task A_stage_added_by_hand_is_refused_by_its_own_field_names()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        var id = (await shop.OpenOrderAsync()).Str("id");
        var refused = await shop.Client.PostJson(shop.Order(id, "/stages"), new { expectedMinutes = 0, checklist = new[] { new string('x', 501) } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ShouldBe(["checklist", "expectedMinutes", "name"]);
        (await shop.Client.GetAsync(shop.Order(id)).ShouldBeOk()).GetProperty("stageCount").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Short_parts_are_reserved_again_once_stock_arrives_and_another_tenants_lines_are_404()
    {
        var shop = await WorkshopShop.CreateAsync(app, pads: 0);
        var id = (await shop.OpenOrderAsync()).Str("id");
        await shop.Client.PostJson(shop.Api("inventory/movements"), new { type = "receipt", itemId = shop.PadsId, quantity = 2 }).ShouldBeOk();
        var reserved = await shop.Client.PostAsync(shop.Order(id, "/parts/reserve"), null).ShouldBe(HttpStatusCode.OK);
        reserved.GetProperty("parts").EnumerateArray().ShouldAllBe(p => p.Str("state") == "reserved");
        (await shop.AvailableAsync(shop.PadsId)).ShouldBe(1m);

        var part = reserved.GetProperty("parts")[0].Str("id");
        var line = reserved.GetProperty("lines")[0].Str("id");
        var other = await WorkshopShop.CreateAsync(app);
        var otherOrder = (await other.OpenOrderAsync()).Str("id");
        // Another tenant's order, or this tenant's order with another order's line: 404 both.
        await (await other.Client.DeleteAsync(other.Order(id, $"/parts/{part}"))).ShouldBeProblem(HttpStatusCode.NotFound);
        await other.Client.PatchJson(other.Order(otherOrder, $"/lines/{line}"), new { decision = "declined" }).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await other.Client.DeleteAsync(other.Order(otherOrder, $"/lines/{line}"))).ShouldBeProblem(HttpStatusCode.NotFound);
        await other.Client.PostJson(other.Order(otherOrder, "/lines"), new { serviceId = shop.BrakesId }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        (await shop.Client.GetAsync(shop.Order(id)).ShouldBeOk()).GetProperty("lines").GetArrayLength().ShouldBe(1);
    }
}

public sealed class WorkOrderEditTestsOnSqlite(SqliteFactory app) : WorkOrderEditTests<SqliteFactory>(app);

public sealed class WorkOrderEditTestsOnPostgres(PostgresFactory app) : WorkOrderEditTests<PostgresFactory>(app);
