using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;
using Portico.IntegrationTests.WorkOrders;

namespace Portico.IntegrationTests.Console;

/// <summary>The client's tracking page behind the signed link: progress, the estimate decided on a phone, and live updates as the workshop moves the order.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class TrackingPageTests(ConsoleHost host)
{
    [Fact]
    public async Task A_client_approves_the_estimate_on_a_phone_and_the_page_follows_the_workshop_live()
    {
        var shop = await WorkshopShop.CreateAsync(host);
        var order = await shop.OpenOrderAsync();
        var id = order.Str("id");
        await shop.MoveAsync(id, "estimate_sent");
        var phone = await host.NewPageAsync(390, 844);

        await phone.GotoAsync($"/w/{Tracked.TokenOf(order)}");

        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Автосервис «Колесо»");
        await Assertions.Expect(phone.Locator("[data-test=order-vehicle]")).ToHaveTextAsync("Лада Веста (2019) · А123ВС77");
        await Assertions.Expect(phone.Locator("[data-test=order-status]")).ToHaveAttributeAsync("data-status", "estimate_sent");
        await Assertions.Expect(phone.Locator("[data-test=order-status]")).ToHaveTextAsync("Смета ждёт вашего решения");
        await Assertions.Expect(phone.Locator("[data-test=progress-text]")).ToHaveTextAsync("Выполнено этапов: 0 из 2");
        await Assertions.Expect(phone.Locator("[data-test=stage]")).ToHaveCountAsync(2);
        await Assertions.Expect(phone.Locator("[data-test=current-stage]")).ToContainTextAsync("Диагностика");
        await Assertions.Expect(phone.Locator("[data-test=estimate-total]")).ToHaveTextAsync("7080.00 RUB");
        await Assertions.Expect(phone.Locator("[data-test=confirm-estimate]")).ToBeDisabledAsync();
        (await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await phone.ScreenshotAsync("tracking-estimate-phone");

        await phone.Locator("[data-test=estimate-line] [data-test=approve-line]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-test=approve-line]")).ToHaveAttributeAsync("aria-pressed", "true");
        await phone.Locator("[data-test=confirm-estimate]").ClickAsync();

        await Assertions.Expect(phone.Locator("[data-test=estimate-done]")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("[data-test=order-status]")).ToHaveAttributeAsync("data-status", "approved");
        await Assertions.Expect(phone.Locator("[data-test=confirm-estimate]")).ToHaveCountAsync(0);
        (await shop.Client.GetAsync(shop.Order(id)).ShouldBeOk()).Str("approvedBy").ShouldBe("client");

        // The workshop moves the order: the open page follows without a reload.
        await phone.EvaluateAsync("() => window.__stayed = true");
        await shop.MoveAsync(id, "in_progress");
        await Assertions.Expect(phone.Locator("[data-test=order-status]")).ToHaveAttributeAsync("data-status", "in_progress");
        await Assertions.Expect(phone.Locator("[data-test=order-status]")).ToHaveTextAsync("Машина в работе");
        await shop.MoveAsync(id, "waiting_for_parts", new { status = "waiting_for_parts", reason = "Ждём колодки от поставщика" });
        await Assertions.Expect(phone.Locator("[data-test=order-status]")).ToHaveTextAsync("Ждём запчасти");
        await Assertions.Expect(phone.Locator("[data-test=timeline]")).ToContainTextAsync("Ждём колодки от поставщика");
        (await phone.EvaluateAsync<bool>("() => window.__stayed === true")).ShouldBeTrue();
        await phone.ScreenshotAsync("tracking-live-phone");
        (await phone.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_forged_link_is_a_friendly_not_found()
    {
        var page = await host.NewPageAsync(390, 844);
        await page.GotoAsync("/w/not-a-token");
        await Assertions.Expect(page.Locator("[data-test=tracking-not-found]")).ToBeVisibleAsync();
    }
}
