using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders;
using Portico.WorkOrders.Orders;
using UglyToad.PdfPig;

namespace Portico.IntegrationTests.WorkOrders;

public abstract class WorkshopReportTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task Reports_count_orders_by_status_sum_delivered_revenue_and_measure_mechanics_and_parts()
    {
        var (shop, delivered) = await ShopWithThreeOrdersAsync();

        var orders = await shop.Client.GetAsync(shop.Workshop("reports/orders")).ShouldBeOk();
        orders.GetProperty("total").GetInt32().ShouldBe(3);
        orders.Str("groupBy").ShouldBe("day");
        var byStatus = orders.GetProperty("byStatus");
        (byStatus.GetProperty("delivered").GetInt32(), byStatus.GetProperty("cancelled").GetInt32(), byStatus.GetProperty("draft").GetInt32()).ShouldBe((1, 1, 1));
        byStatus.GetProperty("in_progress").GetInt32().ShouldBe(0);
        var days = orders.GetProperty("buckets").EnumerateArray().ToList();
        days.Count.ShouldBe(30);
        days[^1].GetProperty("total").GetInt32().ShouldBe(3);
        days[^1].Str("start").ShouldBe(orders.Str("to"));
        days.Take(29).ShouldAllBe(d => d.GetProperty("total").GetInt32() == 0);
        var months = await shop.Client.GetAsync(shop.Workshop("reports/orders?groupBy=month")).ShouldBeOk();
        months.GetProperty("buckets").EnumerateArray().Sum(b => b.GetProperty("total").GetInt32()).ShouldBe(3);
        months.GetProperty("buckets")[0].Str("start").ShouldBe(months.Str("from"));
        var before = await shop.Client.GetAsync(shop.Workshop("reports/orders?from=2020-01-01&to=2020-12-31&groupBy=week")).ShouldBeOk();
        before.GetProperty("total").GetInt32().ShouldBe(0);
        before.GetProperty("buckets")[1].Str("start").ShouldBe("2020-01-06");

        // Labour 3000 (+600 VAT); parts 2500 + 0.5 × 800 = 2900 (+580 VAT).
        var revenue = await shop.Client.GetAsync(shop.Workshop("reports/revenue?groupBy=week")).ShouldBeOk();
        var total = revenue.GetProperty("total");
        total.GetProperty("orders").GetInt32().ShouldBe(1);
        total.GetProperty("labour").Str("amount").ShouldBe("3000.00");
        total.GetProperty("parts").Str("amount").ShouldBe("2900.00");
        total.GetProperty("discount").Str("amount").ShouldBe("0.00");
        total.GetProperty("vat").Str("amount").ShouldBe("1180.00");
        total.GetProperty("total").Str("amount").ShouldBe("7080.00");
        total.GetProperty("total").Str("currency").ShouldBe("RUB");
        revenue.GetProperty("buckets")[revenue.GetProperty("buckets").GetArrayLength() - 1].GetProperty("revenue").GetProperty("total").Str("amount").ShouldBe("7080.00");

        var mechanics = (await shop.Client.GetAsync(shop.Workshop("reports/mechanics")).ShouldBeOk()).GetProperty("mechanics").EnumerateArray().ToList();
        var mechanic = mechanics.ShouldHaveSingleItem();
        mechanic.Str("mechanicId").ShouldBe(delivered.MechanicId.ToString());
        mechanic.Str("name").ShouldBe("Test Person");
        mechanic.GetProperty("stagesDone").GetInt32().ShouldBe(2);
        mechanic.GetProperty("orders").GetInt32().ShouldBe(1);
        mechanic.GetProperty("expectedMinutes").GetInt32().ShouldBe(90);
        mechanic.GetProperty("actualMinutes").GetInt32().ShouldBe(120);
        mechanic.GetProperty("efficiency").GetDecimal().ShouldBe(75.0m);

        var parts = await shop.Client.GetAsync(shop.Workshop("reports/parts")).ShouldBeOk();
        parts.GetProperty("itemCount").GetInt32().ShouldBe(2);
        parts.GetProperty("value").Str("amount").ShouldBe("2900.00");
        parts.GetProperty("items").EnumerateArray().Select(i => (i.Str("sku"), i.Str("name"), i.GetProperty("quantity").GetDecimal(), i.GetProperty("value").Str("amount")))
            .ShouldBe([("BP-100", "Колодки тормозные", 1m, "2500.00"), ("BF-4", "Тормозная жидкость DOT4", 0.5m, "400.00")]);
        // On hand: 4 sets of pads and 10 l of fluid (consumption here was written past the Inventory).
        var stock = parts.GetProperty("stock");
        stock.GetProperty("items").GetInt32().ShouldBe(2);
        stock.GetProperty("atCost").Str("amount").ShouldBe("10000.00");
        stock.GetProperty("atSale").Str("amount").ShouldBe("18000.00");

        var other = await WorkshopShop.CreateAsync(app);
        (await other.Client.GetAsync(other.Workshop("reports/orders")).ShouldBeOk()).GetProperty("total").GetInt32().ShouldBe(0);
        (await other.Client.GetAsync(other.Workshop("reports/parts")).ShouldBeOk()).GetProperty("itemCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Buckets_are_days_of_the_tenants_time_zone()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        await shop.Client.PatchJson($"/api/v1/tenants/{shop.Slug}", new { timeZone = "Asia/Kolkata" }).ShouldBeOk();
        // UTC+5:30: 18:29Z is 23:59 on the 9th there, 18:31Z is 00:01 on the 10th, and a day later 00:01 on the 11th.
        string[] moments = ["2026-03-09T18:29:00Z", "2026-03-09T18:31:00Z", "2026-03-10T18:31:00Z"];
        foreach (var moment in moments)
        {
            var id = Guid.Parse((await shop.OpenOrderAsync()).Str("id"));
            var at = DateTimeOffset.Parse(moment, CultureInfo.InvariantCulture);
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<RequestContext>().SetTenant(Guid.Parse(shop.Tenant.Str("id")), shop.Slug);
            await scope.ServiceProvider.GetRequiredService<WorkOrdersDbContext>().Orders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.CreatedAt, at));
        }

        var report = await shop.Client.GetAsync(shop.Workshop("reports/orders?from=2026-03-09&to=2026-03-10")).ShouldBeOk();
        report.Str("timeZone").ShouldBe("Asia/Kolkata");
        report.GetProperty("total").GetInt32().ShouldBe(2);
        report.GetProperty("buckets").EnumerateArray().Select(b => (b.Str("start"), b.GetProperty("total").GetInt32())).ShouldBe([("2026-03-09", 1), ("2026-03-10", 1)]);
        var week = await shop.Client.GetAsync(shop.Workshop("reports/orders?from=2026-03-04&to=2026-03-12&groupBy=week")).ShouldBeOk();
        week.GetProperty("buckets").EnumerateArray().Select(b => (b.Str("start"), b.Str("end"), b.GetProperty("total").GetInt32()))
            .ShouldBe([("2026-03-04", "2026-03-08", 0), ("2026-03-09", "2026-03-12", 3)]);
    }

    [Fact]
    public async Task A_report_period_is_checked()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        (await shop.Client.GetAsync(shop.Workshop("reports/orders?from=2026-03-10&to=2026-03-01")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("from", out _).ShouldBeTrue();
        (await shop.Client.GetAsync(shop.Workshop("reports/revenue?from=2024-01-01&to=2025-01-01")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("to", out _).ShouldBeTrue();
        (await shop.Client.GetAsync(shop.Workshop("reports/orders?groupBy=year")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("groupBy", out _).ShouldBeTrue();
        await shop.Client.GetAsync(shop.Workshop("reports/orders?from=yesterday")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await shop.Client.GetAsync(shop.Workshop("reports/orders/export?format=pdf")).ShouldBeProblem(HttpStatusCode.BadRequest);
        var year = await shop.Client.GetAsync(shop.Workshop("reports/mechanics?from=2025-01-01&to=2026-01-01")).ShouldBeOk();
        (year.Str("from"), year.Str("to")).ShouldBe(("2025-01-01", "2026-01-01"));
    }

    [Fact]
    public async Task Exports_stream_CSV_and_XLSX_with_Russian_headers()
    {
        var (shop, _) = await ShopWithThreeOrdersAsync();

        var response = await shop.Client.GetAsync(shop.Workshop("reports/orders/export?groupBy=month"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldStartWith($"{shop.Slug}-orders-");
        response.Content.Headers.ContentDisposition.FileNameStar.ShouldEndWith(".csv");
        var lines = Lines(await response.Content.ReadAsByteArrayAsync());
        lines[0].ShouldBe("С;По;Итого;Черновик;Смета отправлена;Согласован;Запланирован;В работе;Ждёт запчасти;Готов;Выдан;Отменён");
        lines[^1].ShouldBe("Итого;;3;1;0;0;0;0;0;0;1;1");

        var parts = Lines(await (await shop.Client.GetAsync(shop.Workshop("reports/parts/export?delimiter=comma"))).Content.ReadAsByteArrayAsync());
        parts.ShouldBe(["Артикул,Наименование,Ед.,Количество,Сумма продажи,Валюта,Заказ-наряды", "BP-100,Колодки тормозные,set,1,2500.00,RUB,1", "BF-4,Тормозная жидкость DOT4,l,0.5,400.00,RUB,1"]);

        var xlsx = await shop.Client.GetAsync(shop.Workshop("reports/revenue/export?format=xlsx"));
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        xlsx.Content.Headers.ContentDisposition!.FileNameStar.ShouldEndWith(".xlsx");
        using var sheet = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(sheet, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        rows[0]["A"].ShouldBe("С");
        rows[0]["H"].ShouldBe("Итого");
        rows.Count.ShouldBe(32);
        rows[^1]["A"].ShouldBe("Итого");
        Convert.ToDecimal(rows[^1]["C"], CultureInfo.InvariantCulture).ShouldBe(1m);
        Convert.ToDecimal(rows[^1]["H"], CultureInfo.InvariantCulture).ShouldBe(7080m);
        rows[^1]["I"].ShouldBe("RUB");

        var mechanics = Lines(await (await shop.Client.GetAsync(shop.Workshop("reports/mechanics/export"))).Content.ReadAsByteArrayAsync());
        mechanics[0].ShouldStartWith("Механик;Id пользователя;Этапов выполнено");
        mechanics.Count.ShouldBe(2);
        var cells = mechanics[1].Split(';');
        cells[0].ShouldBe("Test Person");
        cells[2..].ShouldBe(["2", "1", "90", "2", "120", "75"]);
    }

    [Fact]
    public async Task The_work_order_and_invoice_PDFs_render_Cyrillic()
    {
        var (shop, delivered) = await ShopWithThreeOrdersAsync();

        var response = await shop.Client.GetAsync(shop.Order(delivered.Id, "/document.pdf?kind=invoice"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("invoice-1.pdf");
        var invoice = PdfText(await response.Content.ReadAsByteArrayAsync());
        invoice.ShouldContain("Счёт№1");
        invoice.ShouldContain("Автосервис«Колесо»");
        invoice.ShouldContain("ИванПетров");
        invoice.ShouldContain("Итогокоплате7080,00RUB");
        invoice.ShouldContain("Заменатормозныхколодок");
        invoice.ShouldContain("Колодкитормозные");

        var workOrder = PdfText(await (await shop.Client.GetAsync(shop.Order(delivered.Id, "/document.pdf"))).Content.ReadAsByteArrayAsync());
        workOrder.ShouldContain("Заказ-наряд№1");
        workOrder.ShouldContain("ИванПетров");
        workOrder.ShouldContain("Замена колодок".Replace(" ", "", StringComparison.Ordinal));
        workOrder.ShouldContain("Выдан");
        workOrder.ShouldContain("7080,00");

        await shop.Client.GetAsync(shop.Order(delivered.Id, "/document.pdf?kind=receipt")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        var other = await WorkshopShop.CreateAsync(app);
        await other.Client.GetAsync(other.Order(delivered.Id, "/document.pdf")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    private sealed record Delivered(string Id, Guid MechanicId);

    /// <summary>
    /// Three orders: one delivered (both stages done by the owner in 45 and 75 minutes, its parts consumed), one
    /// cancelled, one draft. Stage work is written through the module's DbContext: this branch has no route for it.
    /// </summary>
    private async Task<(WorkshopShop Shop, Delivered Delivered)> ShopWithThreeOrdersAsync()
    {
        var shop = await WorkshopShop.CreateAsync(app);
        var me = Guid.Parse((await shop.Client.GetAsync("/api/v1/me").ShouldBeOk()).Str("id"));
        var id = (await shop.OpenOrderAsync()).Str("id");
        await shop.MoveAsync(id, "approved");
        await shop.MoveAsync(id, "in_progress");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<RequestContext>().SetTenant(Guid.Parse(shop.Tenant.Str("id")), shop.Slug);
            var db = scope.ServiceProvider.GetRequiredService<WorkOrdersDbContext>();
            var orderId = Guid.Parse(id);
            var stages = await db.Stages.Where(s => s.OrderId == orderId).OrderBy(s => s.Position).ToListAsync();
            var minutes = new[] { 45, 75 };
            for (var i = 0; i < stages.Count; i++)
            {
                stages[i].Status = StageStatuses.Done;
                stages[i].MechanicId = me;
                stages[i].StartedAt = DateTimeOffset.UtcNow.AddMinutes(-minutes[i]);
                stages[i].CompletedAt = DateTimeOffset.UtcNow;
                stages[i].CompletedBy = me;
                stages[i].ActualMinutes = minutes[i];
            }

            foreach (var part in await db.Parts.Where(p => p.OrderId == orderId).ToListAsync())
            {
                part.ConsumedMilli = part.QuantityMilli;
                part.ConsumedAt = DateTimeOffset.UtcNow;
                part.ReservedMilli = 0;
                part.State = PartStates.Consumed;
            }

            var order = await db.Orders.SingleAsync(o => o.Id == orderId);
            order.StagesDone = stages.Count;
            await db.SaveChangesAsync();
        }

        await shop.MoveAsync(id, "ready");
        await shop.MoveAsync(id, "delivered");
        var cancelled = (await shop.OpenOrderAsync()).Str("id");
        await shop.MoveAsync(cancelled, "cancelled");
        await shop.OpenOrderAsync();
        return (shop, new Delivered(id, me));
    }

    private static List<string> Lines(byte[] csv)
    {
        var text = Encoding.UTF8.GetString(csv);
        text.ShouldStartWith("\uFEFF");
        return [.. text[1..].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries))];
    }

    /// <summary>Every page's text with all white space taken out (PDF text has no reliable spaces).</summary>
    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        return string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
    }
}

public sealed class WorkshopReportTestsOnSqlite(SqliteFactory app) : WorkshopReportTests<SqliteFactory>(app);

public sealed class WorkshopReportTestsOnPostgres(PostgresFactory app) : WorkshopReportTests<PostgresFactory>(app);
