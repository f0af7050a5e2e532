using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;
using Portico.IntegrationTests.WorkOrders;

namespace Portico.IntegrationTests.Console;

/// <summary>
/// The service advisor's desk on the work order page, in a real browser: the order's mechanic and one stage's own, a
/// service added with the wizard's picker and declined at the desk, a stage moved up; each shows on the page, through
/// the API, and in the mechanics' queues.
/// </summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class WorkOrderDeskTests(ConsoleHost host)
{
    [Fact]
    public async Task An_admin_assigns_mechanics_adds_and_declines_a_service_and_moves_a_stage_from_the_order_page()
    {
        var shop = await WorkshopShop.CreateAsync(host);
        var anna = await AddMechanicAsync(shop, "Анна Ключникова");
        var boris = await AddMechanicAsync(shop, "Борис Гайкин");

        // A second repair service with a one-stage template, to add at the desk.
        var oil = await shop.Client.PostJson(shop.Api("catalog/services"), new { name = new { ru = "Замена масла", en = "Oil change" }, price = new { kind = "fixed", amount = "0" }, durationMinutes = 30 })
            .ShouldBe(HttpStatusCode.Created);
        await shop.Client.PostJson(shop.Workshop("services"), new { serviceId = oil.Str("id"), labour = new { kind = "fixed", price = "1000.00" }, vatRate = 20 }).ShouldBe(HttpStatusCode.Created);
        await shop.Client.PutAsJsonAsync(shop.Workshop($"services/{oil.Str("id")}/stages"), new
        {
            stages = new object[] { new { name = new { ru = "Слив масла", en = "Oil drain" }, expectedMinutes = 20 } },
        }).ShouldBe(HttpStatusCode.Created);

        var orderId = (await shop.OpenOrderAsync()).Str("id");
        await shop.MoveAsync(orderId, "approved");

        var page = await host.NewPageAsync();
        await page.SignInAsync(shop.Owner.Email, shop.Owner.Password, $"/t/{shop.Slug}/workshop/orders/{orderId}");
        var stages = page.Locator("[data-test=order-stage]");
        await Assertions.Expect(stages).ToHaveCountAsync(2);

        // The whole order to Anna: both open stages follow.
        var orderMechanic = page.Locator("[data-test=order-mechanic]");
        await Assertions.Expect(orderMechanic).ToBeVisibleAsync();
        await orderMechanic.ClickAsync();
        await PickAsync(page, anna.Name);
        await Assertions.Expect(page.Locator("[data-test=stage-mechanic]", new() { HasText = anna.Name })).ToHaveCountAsync(2);

        // The pad stage to Boris on its own.
        var pads = stages.Filter(new() { HasText = "Замена колодок" });
        await pads.Locator("[data-test=stage-mechanic-select]").ClickAsync();
        await PickAsync(page, boris.Name);
        await Assertions.Expect(pads.Locator("[data-test=stage-mechanic]")).ToHaveTextAsync(boris.Name);
        await Assertions.Expect(stages.Filter(new() { HasText = "Диагностика" }).Locator("[data-test=stage-mechanic]")).ToHaveTextAsync(anna.Name);

        // A service through the wizard's picker: its stage joins the chain and the totals grow (3000 + 1000 labour).
        await page.Locator("[data-test=add-line]").ClickAsync();
        var option = page.Locator("[data-test=service-option]", new() { HasText = "Замена масла" });
        await Assertions.Expect(option).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-test=service-option]", new() { HasText = "Замена тормозных колодок" })).ToHaveCountAsync(0);
        await option.Locator("input[type=checkbox]").CheckAsync();
        await Assertions.Expect(page.Locator("[data-test=confirm-add-line]")).ToBeEnabledAsync();
        await page.Locator("[data-test=confirm-add-line]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=order-line]")).ToHaveCountAsync(2);
        await Assertions.Expect(stages).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-test=order-totals] [data-test=total-labour]")).ToContainTextAsync("4,000");

        // The client declines it at the desk: its stage is skipped and its labour leaves the total.
        var oilLine = page.Locator("[data-test=order-line]", new() { HasText = "Замена масла" });
        await oilLine.Locator("[data-test=line-decline]").ClickAsync();
        await Assertions.Expect(oilLine).ToHaveAttributeAsync("data-approval", "declined");
        await Assertions.Expect(stages.Filter(new() { HasText = "Слив масла" })).ToHaveAttributeAsync("data-status", "skipped");
        await Assertions.Expect(page.Locator("[data-test=order-totals] [data-test=total-labour]")).ToContainTextAsync("3,000");

        // The pad stage moves up to the front of the chain.
        await pads.Locator("[data-test=stage-up]").ClickAsync();
        await Assertions.Expect(stages.First).ToContainTextAsync("Замена колодок");
        await Assertions.Expect(stages.Nth(1)).ToContainTextAsync("Диагностика");
        await Assertions.Expect(page.Locator("[data-test=timeline-entry][data-kind=stages_reordered]")).ToHaveCountAsync(1);
        // The client's garage link (all their cars and orders) is made on demand and shown to copy; it opens their garage.
        await page.Locator("[data-test=copy-garage]").ClickAsync();
        await Assertions.Expect(page.Locator("input[data-test=garage-url]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/g/"));
        var garageUrl = await page.Locator("input[data-test=garage-url]").InputValueAsync();
        await page.ScreenshotAsync("workshop-order-desk");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        // The API tells the same.
        var saved = await shop.Client.GetAsync(shop.Order(orderId)).ShouldBeOk();
        saved.Str("mechanicId").ShouldBe(anna.Id);
        var chain = saved.GetProperty("stages").EnumerateArray().ToList();
        chain.Select(s => s.GetProperty("name").Str("en")).ShouldBe(["Pad replacement", "Diagnostics", "Oil drain"]);
        (chain[0].Str("mechanicId"), chain[0].GetProperty("mechanicAssignedDirectly").GetBoolean()).ShouldBe((boris.Id, true));
        (chain[1].Str("mechanicId"), chain[1].GetProperty("mechanicAssignedDirectly").GetBoolean()).ShouldBe((anna.Id, false));
        chain[2].Str("status").ShouldBe("skipped");
        saved.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("name").Str("en"), l.Str("approval")))
            .ShouldBe([("Brake pad replacement", "approved"), ("Oil change", "declined")]);
        saved.GetProperty("totals").GetProperty("labour").Str("amount").ShouldBe("3000.00");

        // Each mechanic's queue lists their stage.
        (await QueueAsync(boris.Client, shop)).ShouldBe([chain[0].Str("id")]);
        (await QueueAsync(anna.Client, shop)).ShouldBe([chain[1].Str("id")]);
        var garage = await shop.Client.GetAsync("/api/v1/public/workshop/garage/" + garageUrl[(garageUrl.IndexOf("/g/", StringComparison.Ordinal) + 3)..]).ShouldBeOk();
        garage.ToString().ShouldContain(orderId);
    }

    [Fact]
    public async Task Refusals_are_said_in_the_users_language_and_the_page_shows_the_order_as_it_is()
    {
        var shop = await WorkshopShop.CreateAsync(host);
        var order = await shop.OpenOrderAsync();
        var orderId = order.Str("id");
        await shop.MoveAsync(orderId, "approved");
        await shop.Client.PostAsync(shop.Order(orderId, $"/stages/{order.GetProperty("stages")[0].Str("id")}/start"), null).ShouldBeOk();

        var page = await host.NewPageAsync();
        await page.SignInAsync(shop.Owner.Email, shop.Owner.Password, $"/t/{shop.Slug}/workshop/orders/{orderId}");
        await page.GotoAsync($"/console/language/ru?returnUrl={Uri.EscapeDataString($"/t/{shop.Slug}/workshop/orders/{orderId}")}");
        await Assertions.Expect(page.Locator("[data-test=add-line]")).ToContainTextAsync("Добавить услугу");
        var line = page.Locator("[data-test=order-line]");
        await Assertions.Expect(line).ToHaveCountAsync(1);

        // The work on the service has started: declining it is a 409, said in Russian.
        await line.Locator("[data-test=line-decline]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Работа уже начата" })).ToBeVisibleAsync();
        await Assertions.Expect(line).ToHaveAttributeAsync("data-approval", "approved");

        // A discount above the labour price is a 422: the toast and the field say why.
        await line.Locator("[data-test=line-discount]").ClickAsync();
        var amount = page.Locator("input[data-test=discount-amount]");
        await Assertions.Expect(amount).ToBeVisibleAsync();
        await amount.FillAsync("99999");
        await page.Locator("[data-test=confirm-discount]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Скидка — сумма от 0 до стоимости работы" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Скидка — сумма от 0");
        await amount.FillAsync("500");
        await page.Locator("[data-test=confirm-discount]").ClickAsync();
        await Assertions.Expect(line.Locator("[data-test=line-discount-shown]")).ToContainTextAsync("500");

        var saved = await shop.Client.GetAsync(shop.Order(orderId)).ShouldBeOk();
        (saved.GetProperty("lines")[0].Str("approval"), saved.GetProperty("lines")[0].GetProperty("discount").Str("amount")).ShouldBe(("approved", "500.00"));
    }

    private static async Task PickAsync(IPage page, string name)
    {
        var item = page.Locator(".mud-popover-open .mud-list-item", new() { HasText = name });
        await Assertions.Expect(item).ToBeVisibleAsync();
        await item.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static async Task<List<string>> QueueAsync(HttpClient client, WorkshopShop shop)
    {
        var queue = await client.GetAsync(shop.Workshop("my-queue")).ShouldBeOk();
        return [.. queue.GetProperty("items").EnumerateArray().Select(i => i.Str("stageId"))];
    }

    private async Task<(string Id, string Name, HttpClient Client)> AddMechanicAsync(WorkshopShop shop, string name)
    {
        var user = await host.RegisterAsync();
        var client = user.Client(host);
        await client.PatchJson("/api/v1/me", new { fullName = name }).ShouldBeOk();
        await shop.Client.PostJson(shop.Api("invitations"), new { email = user.Email, role = "Mechanic" }).ShouldBe(HttpStatusCode.Created);
        await client.PostAsync($"/api/v1/invitations/{host.Smtp.LastLinkToken(user.Email)}/accept", null).ShouldBe(HttpStatusCode.OK);
        return ((await client.GetAsync("/api/v1/me").ShouldBeOk()).Str("id"), name, client);
    }
}
