using System.Net;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>The service catalog screen: an owner adds a service, gives it a picture, finds it and archives it.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class CatalogPagesTests(ConsoleHost host)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task An_owner_adds_a_service_with_a_picture_finds_it_in_russian_and_archives_it()
    {
        var owner = await host.RegisterAsync();
        var api = owner.Client(host);
        var slug = Http.Unique("menu");
        await api.PostJson("/api/v1/tenants", new { name = "Lavender", slug, vertical = "studio", currency = "RUB" }).ShouldBe(HttpStatusCode.Created);
        await api.PostJson($"/api/v1/tenants/{slug}/catalog/categories", new { name = new { en = "Haircuts", ru = "Стрижки" } }).ShouldBe(HttpStatusCode.Created);

        var page = await host.NewPageAsync();
        await page.SignInAsync(owner.Email, owner.Password, $"/t/{slug}/catalog");
        await Assertions.Expect(page.Locator("[data-test=category]")).ToContainTextAsync("Haircuts");
        await page.Locator("[data-test=new-service]").ClickAsync();
        await page.Locator("input[data-test=service-name-ru]").FillAsync("Женская стрижка");
        await page.Locator("input[data-test=service-name-en]").FillAsync("Women's haircut");
        await page.Locator("input[data-test=service-price]").FillAsync("2500");
        await page.Locator("[data-test=save-service]").ClickAsync();
        var row = page.Locator("[data-test=service-row]", new() { HasText = "Women's haircut" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("[data-test=service-price-text]")).ToContainTextAsync("2");

        // The editor stays open on the saved service: a picture goes to its portfolio.
        await page.ChooseFileAsync(new FilePayload { Name = "work.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(page.Locator("[data-test=portfolio-picture]")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("catalog");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await page.Locator("input[data-test=service-search]").FillAsync("СТРИЖ");
        await Assertions.Expect(page.Locator("[data-test=service-row]")).ToHaveCountAsync(1);
        await page.Locator("[data-test=archive-service]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=restore-service]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=service-row]")).ToHaveCountAsync(0);

        var services = await api.GetAsync($"/api/v1/tenants/{slug}/catalog/services?archived=true").ShouldBeOk();
        var service = services.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        service.GetProperty("name").Str("ru").ShouldBe("Женская стрижка");
        service.GetProperty("price").GetProperty("amount").Str("amount").ShouldBe("2500.00");
        service.GetProperty("portfolio").GetArrayLength().ShouldBe(1);
    }
}
