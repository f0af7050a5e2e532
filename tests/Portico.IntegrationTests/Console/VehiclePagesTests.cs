using System.Net;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>A contact's vehicles on the contact page: added, edited, and their odometer read, in a real browser.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class VehiclePagesTests(ConsoleHost host)
{
    [Fact]
    public async Task A_vehicle_is_added_to_a_contact_edited_and_its_odometer_read_on_the_contact_page()
    {
        var user = await host.RegisterAsync();
        var owner = user.Client(host);
        var slug = $"veh-{Guid.NewGuid():N}"[..20];
        await owner.PostJson("/api/v1/tenants", new { name = "Garage", slug, vertical = "generic", country = "RU" }).ShouldBe(HttpStatusCode.Created);
        var contact = await owner.PostJson($"/api/v1/tenants/{slug}/crm/contacts", new { name = "Sergey Driver" }).ShouldBe(HttpStatusCode.Created);

        var page = await host.NewPageAsync();
        await page.SignInAsync(user.Email, user.Password, $"/t/{slug}/crm/contacts/{contact.Str("id")}");
        var panel = page.Locator("[data-test=contact-vehicles]");
        await Assertions.Expect(panel).ToBeVisibleAsync();

        await panel.Locator("[data-test=add-vehicle]").ClickAsync();
        await page.Locator("input[data-test=vehicle-make]").FillAsync("Lada");
        await page.Locator("input[data-test=vehicle-model]").FillAsync("Vesta");
        await page.Locator("input[data-test=vehicle-vin]").FillAsync("1M8GDM9A1KP042788");
        await page.Locator("input[data-test=vehicle-plate]").FillAsync("а123вс77");
        await page.Locator("[data-test=vehicle-save]").ClickAsync();
        // A North American VIN with a wrong check digit is refused beside the field.
        await Assertions.Expect(page.GetByText("check digit").First).ToBeVisibleAsync();
        await page.Locator("input[data-test=vehicle-vin]").FillAsync("1M8GDM9AXKP042788");
        await page.Locator("[data-test=vehicle-save]").ClickAsync();

        var vehicle = panel.Locator("[data-test=vehicle]");
        await Assertions.Expect(vehicle).ToContainTextAsync("Lada Vesta");
        await Assertions.Expect(vehicle.Locator("[data-test=vehicle-ids]")).ToContainTextAsync("А123ВС77");

        await vehicle.Locator("[data-test=vehicle-edit]").ClickAsync();
        await page.Locator("input[data-test=vehicle-model]").FillAsync("Vesta SW");
        await page.Locator("[data-test=vehicle-save]").ClickAsync();
        await Assertions.Expect(vehicle).ToContainTextAsync("Lada Vesta SW");

        await vehicle.Locator("[data-test=vehicle-odometer-open]").ClickAsync();
        await page.Locator("input[data-test=odometer-value]").FillAsync("42000");
        await page.Locator("[data-test=odometer-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=odometer-readings]")).ToContainTextAsync("42");
        await page.ScreenshotAsync("crm-vehicle-odometer");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(vehicle.Locator("[data-test=vehicle-odometer]")).ToBeVisibleAsync();

        var saved = await owner.GetAsync($"/api/v1/tenants/{slug}/crm/contacts/{contact.Str("id")}/vehicles").ShouldBeOk();
        var only = saved.EnumerateArray().Single();
        (only.Str("model"), only.Str("vin"), only.GetProperty("odometer").GetInt64()).ShouldBe(("Vesta SW", "1M8GDM9AXKP042788", 42000L));
    }
}
