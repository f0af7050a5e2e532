using System.Net;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>The inventory screen: an owner finds a part, receives stock from its drawer and sees the reorder list.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class InventoryPagesTests(ConsoleHost host)
{
    [Fact]
    public async Task An_owner_finds_a_part_in_russian_receives_stock_and_sees_the_reorder_list()
    {
        var owner = await host.RegisterAsync();
        var api = owner.Client(host);
        var slug = Http.Unique("parts");
        await api.PostJson("/api/v1/tenants", new { name = "Koleso", slug, vertical = "workshop", currency = "RUB" }).ShouldBe(HttpStatusCode.Created);
        await api.PostJson($"/api/v1/tenants/{slug}/inventory/items", new { sku = "OF-1", name = "Масляный фильтр", price = "690.00", reorderLevel = 5 }).ShouldBe(HttpStatusCode.Created);
        await api.PostJson($"/api/v1/tenants/{slug}/inventory/items", new { sku = "BP-2", name = "Тормозные колодки", unit = "set", reorderLevel = 2 }).ShouldBe(HttpStatusCode.Created);

        var page = await host.NewPageAsync();
        await page.SignInAsync(owner.Email, owner.Password, $"/t/{slug}/inventory");
        await Assertions.Expect(page.Locator("[data-test=item-row]")).ToHaveCountAsync(2);
        await page.Locator("input[data-test=item-search]").FillAsync("ФИЛЬТР");
        await Assertions.Expect(page.Locator("[data-test=item-row]")).ToHaveCountAsync(1);

        await page.Locator("[data-test=item-row]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=item-drawer]")).ToBeVisibleAsync();
        await page.Locator("input[data-test=receive-quantity]").FillAsync("12");
        await page.Locator("[data-test=receive]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=movement-row]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-test=item-row] [data-test=item-available]")).ToContainTextAsync("12");
        await page.ScreenshotAsync("inventory");

        await page.Locator("[data-test=close-item]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=item-drawer]")).ToHaveCountAsync(0);
        await page.Locator(".mud-tab", new() { HasText = "Reorder list" }).ClickAsync();
        var line = page.Locator("[data-test=reorder-row]");
        await Assertions.Expect(line).ToHaveCountAsync(1);
        await Assertions.Expect(line).ToContainTextAsync("BP-2");

        var item = await api.GetAsync($"/api/v1/tenants/{slug}/inventory/items?q=of-1").ShouldBeOk();
        item.GetProperty("items")[0].GetProperty("onHand").GetDecimal().ShouldBe(12m);
    }
}
