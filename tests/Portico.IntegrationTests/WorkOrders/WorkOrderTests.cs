using System.Net;
using System.Net.Http.Json;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.WorkOrders;

public abstract class WorkOrderTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task An_order_copies_the_template_reserves_its_parts_and_prices_labour_and_parts_with_VAT_per_line()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        var order = await shop.OpenOrderAsync(new
        {
            contactId = shop.ContactId, vehicleId = shop.VehicleId, services = new[] { new { serviceId = shop.BrakesId, discount = "500.00" } },
            complaint = "Скрип при торможении", odometer = 84200,
        });

        order.Str("status").ShouldBe("draft");
        order.GetProperty("number").GetInt64().ShouldBe(1);
        order.Str("contactName").ShouldBe("Иван Петров");
        order.Str("vehicleLabel").ShouldBe("Лада Веста (2019) · А123ВС77");
        order.GetProperty("odometer").GetInt64().ShouldBe(84200);
        var stages = order.GetProperty("stages").EnumerateArray().ToList();
        stages.Select(s => s.GetProperty("name").Str("ru")).ShouldBe(["Диагностика", "Замена колодок"]);
        stages[0].GetProperty("checklist").EnumerateArray().Select(c => c.Str("text")).ShouldBe(["Проверить диски", "Проверить суппорты"]);
        stages[1].GetProperty("photoRequired").GetBoolean().ShouldBeTrue();
        var parts = order.GetProperty("parts").EnumerateArray().ToList();
        parts.Select(p => (p.Str("sku"), p.Str("state"), p.GetProperty("reserved").GetDecimal())).ShouldBe([("BF-4", "reserved", 0.5m), ("BP-100", "reserved", 1m)]);
        parts.ShouldAllBe(p => p.Str("stageId") == stages[1].Str("id"));

        // Labour 3000 − 500 = 2500 (+ 500 VAT); parts 2500 + 400 = 2900 (+ 500 + 80 VAT).
        var totals = order.GetProperty("totals");
        totals.GetProperty("labour").Str("amount").ShouldBe("2500.00");
        totals.GetProperty("parts").Str("amount").ShouldBe("2900.00");
        totals.GetProperty("discount").Str("amount").ShouldBe("500.00");
        totals.GetProperty("vat").Str("amount").ShouldBe("1080.00");
        totals.GetProperty("total").Str("amount").ShouldBe("6480.00");
        totals.GetProperty("total").Str("currency").ShouldBe("RUB");
        (await shop.AvailableAsync(shop.PadsId)).ShouldBe(3m);

        // Editing the template later changes no order already built from it.
        await shop.Client.PutAsJsonAsync(shop.Workshop($"services/{shop.BrakesId}/stages"), new { stages = new[] { new { name = new { ru = "Только диагностика" }, expectedMinutes = 15 } } })
            .ShouldBe(HttpStatusCode.Created);
        var again = await shop.Client.GetAsync(shop.Order(order.Str("id"))).ShouldBeOk();
        again.GetProperty("stages").GetArrayLength().ShouldBe(2);
        again.GetProperty("lines")[0].GetProperty("templateVersion").GetInt32().ShouldBe(1);
        (await shop.OpenOrderAsync()).GetProperty("stages").GetArrayLength().ShouldBe(1);

        var vehicleHistory = await shop.Client.GetAsync(shop.Workshop($"work-orders?vehicleId={shop.VehicleId}&sort=number")).ShouldBeOk();
        vehicleHistory.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("number").GetInt64()).ShouldBe([1L, 2L]);
        var history = await shop.Client.GetAsync(shop.Workshop($"vehicles/{shop.VehicleId}/work-orders")).ShouldBeOk();
        history.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("number").GetInt64()).ShouldBe([2L, 1L]);
    }

    [Fact]
    public async Task The_status_flow_refuses_illegal_moves_and_cancelling_releases_the_parts()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        var id = (await shop.OpenOrderAsync()).Str("id");
        (await shop.AvailableAsync(shop.PadsId)).ShouldBe(3m);

        var illegal = await shop.Client.PostJson(shop.Order(id, "/status"), new { status = "ready" }).ShouldBeProblem(HttpStatusCode.Conflict);
        illegal.Str("type").ShouldEndWith("illegal-status-transition");
        illegal.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()).ShouldBe(["estimate_sent", "approved", "cancelled"]);
        await shop.Client.PostJson(shop.Order(id, "/status"), new { status = "bogus" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        (await shop.MoveAsync(id, "estimate_sent")).Str("status").ShouldBe("estimate_sent");
        var approved = await shop.MoveAsync(id, "approved");
        approved.GetProperty("lines")[0].Str("approval").ShouldBe("approved");
        await shop.Client.PostJson(shop.Order(id, "/status"), new { status = "scheduled" }).ShouldBeProblem(HttpStatusCode.Conflict);
        await shop.MoveAsync(id, "scheduled", new { status = "scheduled", scheduledAt = DateTimeOffset.UtcNow.AddDays(1) });
        var cancelled = await shop.MoveAsync(id, "cancelled", new { status = "cancelled", reason = "Клиент передумал" });
        cancelled.Str("cancelReason").ShouldBe("Клиент передумал");
        cancelled.GetProperty("parts").EnumerateArray().ShouldAllBe(p => p.Str("state") == "released");
        (await shop.AvailableAsync(shop.PadsId)).ShouldBe(4m);
        (await shop.AvailableAsync(shop.FluidId)).ShouldBe(10m);
        await shop.Client.PostJson(shop.Order(id, "/status"), new { status = "draft" }).ShouldBeProblem(HttpStatusCode.Conflict);

        var timeline = await shop.Client.GetAsync(shop.Order(id, "/timeline")).ShouldBeOk();
        var kinds = timeline.GetProperty("items").EnumerateArray().Select(e => e.Str("kind")).ToList();
        kinds.ShouldContain("parts_released");
        kinds.ShouldContain("created");
        kinds.Count(k => k == "status_changed").ShouldBe(4);
        // The cancellation and its release are one save with one time: the order they were made in decides, newest first.
        kinds.Take(2).ShouldBe(["status_changed", "parts_released"]);
        timeline.GetProperty("items")[0].GetProperty("data").Str("to").ShouldBe("cancelled");
    }

    [Fact]
    public async Task Parts_the_stock_does_not_cover_are_short_and_an_order_needs_the_clients_own_car()
    {
        var shop = await WorkshopShop.CreateAsync(app, pads: 0);
        var order = await shop.OpenOrderAsync();
        var pads = order.GetProperty("parts").EnumerateArray().Single(p => p.Str("sku") == "BP-100");
        pads.Str("state").ShouldBe("short");
        pads.GetProperty("reserved").GetDecimal().ShouldBe(0m);

        var stranger = (await shop.Client.PostJson(shop.Api("crm/contacts"), new { name = "Пётр Сидоров" }).ShouldBe(HttpStatusCode.Created)).Str("id");
        var problem = await shop.Client.PostJson(shop.Workshop("work-orders"), new { contactId = stranger, vehicleId = shop.VehicleId, services = new[] { new { serviceId = shop.BrakesId } } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").TryGetProperty("vehicleId", out _).ShouldBeTrue();
        var empty = await shop.Client.PostJson(shop.Workshop("work-orders"), new { contactId = shop.ContactId, vehicleId = shop.VehicleId, services = Array.Empty<object>() })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        empty.GetProperty("errors").TryGetProperty("services", out _).ShouldBeTrue();

        var other = await WorkshopShop.CreateAsync(app);
        await other.Client.GetAsync(other.Order(order.Str("id"))).ShouldBeProblem(HttpStatusCode.NotFound);
        await other.Client.PostJson(other.Order(order.Str("id"), "/status"), new { status = "cancelled" }).ShouldBeProblem(HttpStatusCode.NotFound);
        await other.Client.PostJson(other.Workshop("work-orders"), new { contactId = shop.ContactId, vehicleId = shop.VehicleId, services = new[] { new { serviceId = shop.BrakesId } } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }
}

public sealed class WorkOrderTestsOnSqlite(SqliteFactory app) : WorkOrderTests<SqliteFactory>(app);

public sealed class WorkOrderTestsOnPostgres(PostgresFactory app) : WorkOrderTests<PostgresFactory>(app);
