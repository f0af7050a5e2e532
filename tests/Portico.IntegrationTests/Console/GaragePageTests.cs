using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;
using Portico.IntegrationTests.WorkOrders;

namespace Portico.IntegrationTests.Console;

/// <summary>The client's garage page behind their signed link: their car and the order's progress on a phone, live as a stage is completed, and through to the order's tracking page.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class GaragePageTests(ConsoleHost host)
{
    [Fact]
    public async Task A_client_sees_their_car_and_the_orders_progress_on_a_phone_live_and_opens_the_order()
    {
        var shop = await WorkshopShop.CreateAsync(host);
        var order = await shop.OpenOrderAsync();
        var id = order.Str("id");
        await shop.MoveAsync(id, "estimate_sent");
        var waiting = await shop.OpenOrderAsync();
        await shop.MoveAsync(waiting.Str("id"), "estimate_sent");
        await shop.MoveAsync(id, "approved");
        var link = (await shop.Client.GetAsync(Garaged.GarageLink(shop, shop.ContactId)).ShouldBeOk()).Str("url");
        var phone = await host.NewPageAsync(390, 844);

        await phone.GotoAsync($"/g/{Garaged.TokenOf(link)}");

        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Автосервис «Колесо»");
        await Assertions.Expect(phone.Locator("[data-test=greeting]")).ToContainTextAsync("Иван Петров");
        await Assertions.Expect(phone.Locator("[data-test=car]")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator("[data-test=car-label]")).ToHaveTextAsync("Лада Веста (2019) · А123ВС77");
        var card = phone.Locator($"[data-test=open-order][data-order-id='{id}']");
        await Assertions.Expect(card.Locator("[data-test=open-order-status]")).ToHaveTextAsync("Смета согласована");
        await Assertions.Expect(card.Locator("[data-test=order-progress-text]")).ToHaveTextAsync("Выполнено этапов: 0 из 2");
        await Assertions.Expect(card.Locator("[data-test=order-current-stage]")).ToContainTextAsync("Диагностика");
        await Assertions.Expect(card.Locator("[data-test=order-total]")).ToHaveTextAsync("7080.00 RUB");
        await Assertions.Expect(phone.Locator($"[data-test=open-order][data-order-id='{waiting.Str("id")}'] [data-test=estimate-awaiting]")).ToHaveTextAsync("Смета ждёт вашего согласования");
        await Assertions.Expect(card.Locator("[data-test=estimate-awaiting]")).ToHaveCountAsync(0);
        (await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await phone.ScreenshotAsync("garage-phone");
        (await phone.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        // The workshop completes a stage: the open page follows without a reload.
        await phone.EvaluateAsync("() => window.__stayed = true");
        await Garaged.CompleteDiagnosticsAsync(shop, order);
        await Assertions.Expect(card.Locator("[data-test=order-progress]")).ToHaveAttributeAsync("data-done", "1");
        await Assertions.Expect(card.Locator("[data-test=order-progress-text]")).ToHaveTextAsync("Выполнено этапов: 1 из 2");
        await Assertions.Expect(card.Locator("[data-test=order-current-stage]")).ToContainTextAsync("Замена колодок");
        await Assertions.Expect(card.Locator("[data-test=open-order-status]")).ToHaveTextAsync("Машина в работе");
        (await phone.EvaluateAsync<bool>("() => window.__stayed === true")).ShouldBeTrue();
        await phone.ScreenshotAsync("garage-live-phone");

        // Through to the order's own tracking page, and back to the garage from there.
        await card.Locator("[data-test=open-tracking]").ClickAsync();
        await phone.WaitForURLAsync($"**/w/{Tracked.TokenOf(order)}");
        await Assertions.Expect(phone.Locator("[data-test=order-number]")).ToHaveTextAsync($"№ {order.GetProperty("number").GetInt64()}");
        await Assertions.Expect(phone.Locator("[data-test=progress-text]")).ToHaveTextAsync("Выполнено этапов: 1 из 2");
        await phone.Locator("[data-test=garage-link]").ClickAsync();
        await phone.WaitForURLAsync($"**/g/{Garaged.TokenOf(link)}");
        await Assertions.Expect(phone.Locator("[data-test=car]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_forged_garage_link_is_a_friendly_not_found()
    {
        var page = await host.NewPageAsync(390, 844);
        await page.GotoAsync("/g/not-a-token");
        await Assertions.Expect(page.Locator("[data-test=garage-not-found]")).ToBeVisibleAsync();
    }
}
