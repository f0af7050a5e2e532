using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Crm;
using Portico.IntegrationTests.Infrastructure;
using Portico.Inventory.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.IntegrationTests.Inventory;

public abstract class InventoryTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task An_item_is_created_found_in_Cyrillic_changed_with_if_match_archived_and_its_SKU_is_unique()
    {
        var shop = await Workshop.CreateAsync(app);
        var filter = await shop.CreateItemAsync("OF-101", "Масляный фильтр MANN", category: "Фильтры", reorder: 2);
        filter.Str("unit").ShouldBe("pcs");
        filter.GetProperty("price").Str("amount").ShouldBe("590.00");
        filter.GetProperty("price").Str("currency").ShouldBe("RUB");
        filter.GetProperty("vatRate").GetInt32().ShouldBe(20);
        filter.GetProperty("onHand").GetDecimal().ShouldBe(0m);
        filter.GetProperty("lowStock").GetBoolean().ShouldBeTrue();
        await shop.CreateItemAsync("BR-7", "Тормозная жидкость DOT-4", unit: "l", category: "Жидкости");

        (await shop.Client.PostJson(shop.Inventory("items"), new { sku = "of-101", name = "Дубль" }).ShouldBeProblem(HttpStatusCode.Conflict))
            .Str("type").ShouldEndWith("duplicate-sku");
        (await shop.Client.GetAsync(shop.Inventory("items?q=" + Uri.EscapeDataString("ФИЛЬТР"))).ShouldBeOk()).Ids().ShouldBe([filter.Str("id")]);
        (await shop.Client.GetAsync(shop.Inventory("items?category=" + Uri.EscapeDataString("Жидкости"))).ShouldBeOk()).Skus().ShouldBe(["BR-7"]);
        (await shop.Client.GetAsync(shop.Inventory("items?sort=-sku")).ShouldBeOk()).Skus().ShouldBe(["OF-101", "BR-7"]);
        (await shop.Client.GetAsync(shop.Inventory("items?lowStock=true")).ShouldBeOk()).Skus().ShouldBe(["OF-101"]);

        var url = shop.Inventory($"items/{filter.Str("id")}");
        var changed = await shop.Client.PatchJson(url, new { price = "650.5", barcode = "4601234567890" }, ifMatch: $"\"{filter.GetProperty("version").GetInt64()}\"").ShouldBeOk();
        changed.GetProperty("price").Str("amount").ShouldBe("650.50");
        changed.Str("name").ShouldBe("Масляный фильтр MANN");
        await shop.Client.PatchJson(url, new { name = "X" }, ifMatch: $"\"{filter.GetProperty("version").GetInt64()}\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        (await shop.Client.GetAsync(shop.Inventory("items?q=4601234")).ShouldBeOk()).Skus().ShouldBe(["OF-101"]);

        await shop.Client.PostAsync(url + "/archive", null).ShouldBeOk();
        (await shop.Client.GetAsync(shop.Inventory("items")).ShouldBeOk()).Skus().ShouldBe(["BR-7"]);
        (await shop.Client.GetAsync(shop.Inventory("items?archived=true")).ShouldBeOk()).Skus().ShouldBe(["OF-101"]);
    }

    [Fact]
    public async Task Movements_keep_on_hand_and_available_and_never_go_negative()
    {
        var shop = await Workshop.CreateAsync(app);
        var item = await shop.CreateItemAsync("SP-1", "Свеча зажигания", reorder: 0);
        var id = item.Str("id");
        var received = await shop.MoveAsync(new { type = "receipt", itemId = id, quantity = 10.5m });
        received.GetProperty("item").GetProperty("onHand").GetDecimal().ShouldBe(10.5m);

        var reserved = await shop.MoveAsync(new { type = "reservation", itemId = id, quantity = 4, reference = new { order = "wo-1", stage = "s-1" } });
        reserved.GetProperty("item").GetProperty("available").GetDecimal().ShouldBe(6.5m);
        reserved.GetProperty("reservationId").GetString().ShouldNotBeNull();

        var refused = await shop.Client.PostJson(shop.Inventory("movements"), new { type = "reservation", itemId = id, quantity = 7, reference = new { order = "wo-2" } })
            .ShouldBeProblem(HttpStatusCode.Conflict);
        refused.Str("type").ShouldEndWith("insufficient-stock");
        refused.GetProperty("available").GetDecimal().ShouldBe(6.5m);
        await shop.Client.PostJson(shop.Inventory("movements"), new { type = "adjustment", itemId = id, quantity = -7, reason = "Списание брака" })
            .ShouldBeProblem(HttpStatusCode.Conflict);
        await shop.Client.PostJson(shop.Inventory("movements"), new { type = "consumption", itemId = id, quantity = 7 })
            .ShouldBeProblem(HttpStatusCode.Conflict);

        var consumed = await shop.MoveAsync(new { type = "consumption", itemId = id, quantity = 5, reference = new { order = "wo-1", stage = "s-1" } });
        consumed.GetProperty("item").GetProperty("onHand").GetDecimal().ShouldBe(5.5m);
        consumed.GetProperty("item").GetProperty("reserved").GetDecimal().ShouldBe(0m);
        consumed.GetProperty("item").GetProperty("available").GetDecimal().ShouldBe(5.5m);

        await shop.MoveAsync(new { type = "reservation", itemId = id, quantity = 2, reference = new { order = "wo-3", stage = "a" } });
        await shop.MoveAsync(new { type = "reservation", itemId = id, quantity = 1, reference = new { order = "wo-3", stage = "b" } });
        var released = await shop.MoveAsync(new { type = "release", reference = new { order = "wo-3" } });
        released.GetProperty("released").GetDecimal().ShouldBe(3m);
        await shop.MoveAsync(new { type = "return", itemId = id, quantity = 0.5m, reference = new { order = "wo-1" } });
        var adjusted = await shop.MoveAsync(new { type = "adjustment", itemId = id, quantity = -1.25m, reason = "Инвентаризация" });
        adjusted.GetProperty("item").GetProperty("onHand").GetDecimal().ShouldBe(4.75m);

        var history = await shop.Client.GetAsync(shop.Inventory($"items/{id}/movements?limit=3")).ShouldBeOk();
        history.GetProperty("items").EnumerateArray().Select(m => m.Str("type")).ShouldBe(["adjustment", "return", "release"]);
        history.GetProperty("items")[0].Str("reason").ShouldBe("Инвентаризация");
        history.GetProperty("items")[0].Str("actor").ShouldStartWith("user:");
        var rest = await shop.Client.GetAsync(shop.Inventory($"items/{id}/movements?limit=50&cursor={history.Str("nextCursor")}")).ShouldBeOk();
        rest.GetProperty("items").EnumerateArray().Select(m => m.Str("type")).ShouldBe(["release", "reservation", "reservation", "consumption", "consumption", "reservation", "receipt"]);

        var stock = await shop.Client.GetAsync(shop.Inventory($"items/{id}/stock")).ShouldBeOk();
        stock.GetArrayLength().ShouldBe(1);
        stock[0].Str("locationName").ShouldBe("Основной склад");
        stock[0].GetProperty("onHand").GetDecimal().ShouldBe(4.75m);
    }

    [Fact]
    public async Task Fifty_parallel_reservations_of_the_last_ten_units_give_exactly_ten()
    {
        var shop = await Workshop.CreateAsync(app);
        var item = await shop.CreateItemAsync("HOT-1", "Колодки");
        var id = item.Str("id");
        await shop.MoveAsync(new { type = "receipt", itemId = id, quantity = 10 });

        var attempts = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            shop.Client.PostJson(shop.Inventory("movements"), new { type = "reservation", itemId = id, quantity = 1, reference = new { order = $"wo-{i}" } })));

        attempts.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(10);
        attempts.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(40);
        var after = await shop.Client.GetAsync(shop.Inventory($"items/{id}")).ShouldBeOk();
        after.GetProperty("onHand").GetDecimal().ShouldBe(10m);
        after.GetProperty("reserved").GetDecimal().ShouldBe(10m);
        after.GetProperty("available").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public async Task Reservations_receipts_and_consumptions_racing_at_two_locations_all_answer_and_keep_every_total_true()
    {
        var shop = await Workshop.CreateAsync(app);
        var id = (await shop.CreateItemAsync("HOT-2", "Фильтр масляный")).Str("id");
        var main = (await shop.Client.PostJson(shop.Inventory("locations"), new { name = "Склад 1" }).ShouldBe(HttpStatusCode.Created)).Str("id");
        var annex = (await shop.Client.PostJson(shop.Inventory("locations"), new { name = "Склад 2" }).ShouldBe(HttpStatusCode.Created)).Str("id");
        await shop.MoveAsync(new { type = "receipt", itemId = id, locationId = main, quantity = 10 });
        await shop.MoveAsync(new { type = "receipt", itemId = id, locationId = annex, quantity = 10 });

        // Reservations at whichever location has most (several share a transaction and touch both rows) race receipts
        // and consumptions at the second location: nothing may deadlock, fail or go below zero.
        var reservations = Enumerable.Range(0, 40).Select(i => shop.Client.PostJson(shop.Inventory("movements"), new { type = "reservation", itemId = id, quantity = 1, reference = new { order = $"wo-{i}" } }));
        var receipts = Enumerable.Range(0, 10).Select(_ => shop.Client.PostJson(shop.Inventory("movements"), new { type = "receipt", itemId = id, locationId = annex, quantity = 1 }));
        var consumptions = Enumerable.Range(0, 10).Select(_ => shop.Client.PostJson(shop.Inventory("movements"), new { type = "consumption", itemId = id, locationId = annex, quantity = 1 }));
        var racing = Task.WhenAll(reservations);
        var receiving = Task.WhenAll(receipts);
        var consuming = Task.WhenAll(consumptions);
        var (reserved, received, consumed) = (await racing, await receiving, await consuming);

        reserved.Concat(consumed).ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict);
        received.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var madeReservations = reserved.Count(r => r.StatusCode == HttpStatusCode.OK);
        var madeConsumptions = consumed.Count(r => r.StatusCode == HttpStatusCode.OK);
        madeReservations.ShouldBeGreaterThan(0);

        var item = await shop.Client.GetAsync(shop.Inventory($"items/{id}")).ShouldBeOk();
        item.GetProperty("onHand").GetDecimal().ShouldBe(30m - madeConsumptions);
        item.GetProperty("reserved").GetDecimal().ShouldBe(madeReservations);
        item.GetProperty("available").GetDecimal().ShouldBeGreaterThanOrEqualTo(0m);
        var stock = await shop.Client.GetAsync(shop.Inventory($"items/{id}/stock")).ShouldBeOk();
        stock.EnumerateArray().Sum(l => l.GetProperty("onHand").GetDecimal()).ShouldBe(item.GetProperty("onHand").GetDecimal());
        stock.EnumerateArray().Sum(l => l.GetProperty("reserved").GetDecimal()).ShouldBe(madeReservations);
        stock.EnumerateArray().ShouldAllBe(l => l.GetProperty("available").GetDecimal() >= 0m);

        // Each reservation's ledger line names the member who asked, whoever's transaction carried it.
        var lines = await shop.Client.GetAsync(shop.Inventory($"items/{id}/movements?limit=200")).ShouldBeOk();
        var reservationLines = lines.GetProperty("items").EnumerateArray().Where(m => m.Str("type") == "reservation").ToList();
        reservationLines.Count.ShouldBe(madeReservations);
        reservationLines.ShouldAllBe(m => m.Str("actor").StartsWith("user:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Low_stock_is_raised_once_until_stock_goes_back_above_the_level_and_the_reorder_list_suggests_quantities()
    {
        var shop = await Workshop.CreateAsync(app);
        var item = await shop.CreateItemAsync("AF-2", "Воздушный фильтр", reorder: 3, supplier: "Автодеталь");
        var id = item.Str("id");
        await shop.CreateItemAsync("OK-1", "Щётка", reorder: 1);
        await shop.MoveAsync(new { type = "receipt", itemId = id, quantity = 10 });
        (await LowStockEventsAsync(shop)).ShouldBe(0);

        await shop.MoveAsync(new { type = "reservation", itemId = id, quantity = 7, reference = new { order = "wo-1" } });
        (await LowStockEventsAsync(shop)).ShouldBe(1);
        await shop.MoveAsync(new { type = "consumption", itemId = id, quantity = 1 });
        (await LowStockEventsAsync(shop)).ShouldBe(1);

        var list = await shop.Client.GetAsync(shop.Inventory("reorder-list")).ShouldBeOk();
        var line = list.EnumerateArray().Single(l => l.GetProperty("item").Str("sku") == "AF-2");
        line.GetProperty("suggestedQuantity").GetDecimal().ShouldBe(4m);
        list.EnumerateArray().Select(l => l.GetProperty("item").Str("sku")).ShouldBe(["AF-2", "OK-1"], ignoreOrder: true);

        await shop.MoveAsync(new { type = "receipt", itemId = id, quantity = 5 });
        (await LowStockEventsAsync(shop)).ShouldBe(1);
        await shop.MoveAsync(new { type = "release", reference = new { order = "wo-1" } });
        await shop.MoveAsync(new { type = "consumption", itemId = id, quantity = 11 });
        (await LowStockEventsAsync(shop)).ShouldBe(2);
    }

    [Fact]
    public async Task Work_orders_reserve_release_and_consume_through_the_contracts()
    {
        var shop = await Workshop.CreateAsync(app);
        var item = await shop.CreateItemAsync("OIL-5W30", "Масло 5W-30", unit: "l");
        var id = Guid.Parse(item.Str("id"));
        await shop.MoveAsync(new { type = "receipt", itemId = id, quantity = 8 });
        var order = Guid.NewGuid();
        var stage = Guid.NewGuid();

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().SetTenant(shop.Id, shop.Slug);
        var reservations = scope.ServiceProvider.GetRequiredService<IStockReservations>();
        (await reservations.ReserveAsync(id, null, 4.5m, StockReference.For(order, stage), CancellationToken.None)).Succeeded.ShouldBeTrue();
        var refused = await reservations.ReserveAsync(id, null, 4m, StockReference.For(order, Guid.NewGuid()), CancellationToken.None);
        refused.Succeeded.ShouldBeFalse();
        refused.Available.ShouldBe(3.5m);
        (await reservations.ConsumeAsync(StockReference.For(order, stage), id, 5m, CancellationToken.None)).Available.ShouldBe(3m);
        (await reservations.ReleaseAsync(StockReference.For(order), CancellationToken.None)).ShouldBe(0m);

        var items = await scope.ServiceProvider.GetRequiredService<IInventoryItems>().FindAsync([id], CancellationToken.None);
        items.ShouldHaveSingleItem().Sku.ShouldBe("OIL-5W30");
        items[0].SalePriceMinor.ShouldBe(59000);
        items[0].Available.ShouldBe(3m);
    }

    [Fact]
    public async Task Items_import_from_an_xlsx_with_Russian_headers_upserting_by_SKU_and_reporting_bad_rows()
    {
        var shop = await Workshop.CreateAsync(app);
        await shop.CreateItemAsync("OF-101", "Старое имя");
        var xlsx = ImportTestFiles.Xlsx(
            ["Артикул", "Наименование", "Ед. изм.", "Категория", "Себестоимость", "Цена", "НДС", "Штрихкод", "Мин. остаток", "Поставщик"],
            ["OF-101", "Масляный фильтр MANN W 914/2", "шт", "Фильтры", "350,50", "590", "20%", "4601234567890", "5", "Автодеталь"],
            ["BF-4", "Тормозная жидкость", "л", "Жидкости", "400", "650.00", "20", "", "2,5", ""],
            ["", "Без артикула", "шт", "", "", "", "", "", "", ""],
            ["X-1", "Плохая цена", "шт", "", "", "дорого", "", "", "", ""]);
        using var form = Form(xlsx, "товары.xlsx");
        var report = await (await shop.Client.PostAsync(shop.Inventory("imports"), form)).ShouldBe(HttpStatusCode.OK);

        report.GetProperty("rows").GetInt32().ShouldBe(4);
        report.GetProperty("created").GetInt32().ShouldBe(1);
        report.GetProperty("updated").GetInt32().ShouldBe(1);
        report.GetProperty("failed").GetInt32().ShouldBe(2);
        report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()).Distinct().ShouldBe([4, 5]);

        var items = await shop.Client.GetAsync(shop.Inventory("items?sort=sku")).ShouldBeOk();
        var filter = items.GetProperty("items").EnumerateArray().Single(i => i.Str("sku") == "OF-101");
        filter.Str("name").ShouldBe("Масляный фильтр MANN W 914/2");
        filter.GetProperty("cost").Str("amount").ShouldBe("350.50");
        filter.GetProperty("reorderLevel").GetDecimal().ShouldBe(5m);
        filter.Str("supplier").ShouldBe("Автодеталь");
        var fluid = items.GetProperty("items").EnumerateArray().Single(i => i.Str("sku") == "BF-4");
        fluid.Str("unit").ShouldBe("l");
        fluid.GetProperty("reorderLevel").GetDecimal().ShouldBe(2.5m);

        using var csv = Form(ImportTestFiles.Csv("SKU;Name;Unit;Price", "NEW-1;Wiper blade;pcs;12.50"), "items.csv");
        (await (await shop.Client.PostAsync(shop.Inventory("imports"), csv)).ShouldBe(HttpStatusCode.OK)).GetProperty("created").GetInt32().ShouldBe(1);
        using var junk = Form([0x00, 0x01, 0x02, 0x03], "x.bin");
        await (await shop.Client.PostAsync(shop.Inventory("imports"), junk)).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Another_tenants_items_are_404_and_bad_input_is_400_or_422()
    {
        var shop = await Workshop.CreateAsync(app);
        var other = await Workshop.CreateAsync(app);
        var foreign = await other.CreateItemAsync("F-1", "Чужое");
        var fid = foreign.Str("id");
        await shop.Client.GetAsync(shop.Inventory($"items/{fid}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await shop.Client.PatchJson(shop.Inventory($"items/{fid}"), new { name = "x" }).ShouldBeProblem(HttpStatusCode.NotFound);
        await shop.Client.GetAsync(shop.Inventory($"items/{fid}/movements")).ShouldBeProblem(HttpStatusCode.NotFound);
        await shop.Client.GetAsync(shop.Inventory($"items/{fid}/stock")).ShouldBeProblem(HttpStatusCode.NotFound);
        await shop.Client.PostJson(shop.Inventory("movements"), new { type = "receipt", itemId = fid, quantity = 1 }).ShouldBeProblem(HttpStatusCode.NotFound);
        var location = await other.Client.PostJson(other.Inventory("locations"), new { name = "Чужой склад" }).ShouldBe(HttpStatusCode.Created);
        var mine = await shop.CreateItemAsync("M-1", "Моё");
        await shop.Client.PostJson(shop.Inventory("movements"), new { type = "receipt", itemId = mine.Str("id"), quantity = 1, locationId = location.Str("id") })
            .ShouldBeProblem(HttpStatusCode.NotFound);

        var invalid = await shop.Client.PostJson(shop.Inventory("items"), new { sku = "", name = "x", unit = "bucket", price = "-1", vatRate = 150, reorderLevel = 1.2345m })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["sku", "unit", "vatRate", "price", "reorderLevel"], ignoreOrder: true);
        var move = await shop.Client.PostJson(shop.Inventory("movements"), new { type = "adjustment", itemId = mine.Str("id"), quantity = 0.0001m })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        move.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["quantity", "reason"], ignoreOrder: true);
        await shop.Client.PostJson(shop.Inventory("movements"), new { type = "teleport", itemId = mine.Str("id"), quantity = 1 }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await shop.Client.PostJson(shop.Inventory("movements"), new { type = "reservation", itemId = mine.Str("id"), quantity = 1 }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await shop.Client.PostAsync(shop.Inventory("movements"), Http.RawJson("{\"type\":\"receipt\",\"quantity\":\"many\"}")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await shop.Client.GetAsync(shop.Inventory("items?sort=colour")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await shop.Client.GetAsync(shop.Inventory($"items/{mine.Str("id")}/movements?type=teleport")).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    private static MultipartFormDataContent Form(byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/octet-stream");
        form.Add(file, "file", fileName);
        return form;
    }

    private async Task<long> LowStockEventsAsync(Workshop shop) => Convert.ToInt64(
        await RawDatabase.ScalarAsync(app, $"SELECT count(*) FROM {RawDatabase.Table(app, "platform", "event_log")} WHERE tenant_id = @p0 AND type = 'inventory.low_stock'",
            RawDatabase.Id(app, shop.Id)),
        CultureInfo.InvariantCulture);
}

public sealed class InventoryTestsOnSqlite(SqliteFactory app) : InventoryTests<SqliteFactory>(app);

public sealed class InventoryTestsOnPostgres(PostgresFactory app) : InventoryTests<PostgresFactory>(app);

/// <summary>A fresh workshop tenant (RUB, Russian) made by a newly registered owner, with short inventory routes.</summary>
public sealed class Workshop
{
    private Workshop(JsonElement tenant, HttpClient client)
    {
        Tenant = tenant;
        Client = client;
    }

    public JsonElement Tenant { get; }

    public string Slug => Tenant.Str("slug");

    public Guid Id => Guid.Parse(Tenant.Str("id"));

    public HttpClient Client { get; }

    /// <summary><c>/api/v1/tenants/{slug}/inventory/{path}</c>.</summary>
    public string Inventory(string path) => $"/api/v1/tenants/{Slug}/inventory/{path}";

    public static async Task<Workshop> CreateAsync(PorticoFactory app)
    {
        var owner = await app.RegisterAsync();
        var client = owner.Client(app);
        var tenant = await client.PostJson("/api/v1/tenants", new { name = "Автосервис", slug = Http.Unique("inv"), vertical = "workshop", locale = "ru", currency = "RUB", country = "RU" })
            .ShouldBe(HttpStatusCode.Created);
        return new Workshop(tenant, client);
    }

    public Task<JsonElement> CreateItemAsync(string sku, string name, string unit = "pcs", string? category = null, decimal? reorder = null, string? supplier = null) =>
        Client.PostJson(Inventory("items"), new { sku, name, unit, category, cost = "350.00", price = "590.00", vatRate = 20, reorderLevel = reorder, supplier })
            .ShouldBe(HttpStatusCode.Created);

    public Task<JsonElement> MoveAsync(object body) => Client.PostJson(Inventory("movements"), body).ShouldBeOk();
}

internal static class InventoryJson
{
    public static string[] Skus(this JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.Str("sku"))];
}
