using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>The workshop's repair services screen: an owner reorders a stage template and saves it as a new version.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class WorkshopPagesTests(ConsoleHost host)
{
    [Fact]
    public async Task An_owner_moves_a_stage_down_and_saves_a_new_version_leaving_the_old_one()
    {
        var owner = await host.RegisterAsync();
        var api = owner.Client(host);
        var slug = Http.Unique("shop");
        await api.PostJson("/api/v1/tenants", new { name = "Garage", slug, vertical = "studio", currency = "RUB" }).ShouldBe(HttpStatusCode.Created);
        var service = await api.PostJson($"/api/v1/tenants/{slug}/catalog/services", new { name = new { en = "Brake service", ru = "Обслуживание тормозов" }, price = new { kind = "fixed", amount = "0" }, durationMinutes = 90 })
            .ShouldBe(HttpStatusCode.Created);
        var serviceId = service.Str("id");
        await api.PostJson($"/api/v1/tenants/{slug}/workshop/services", new { serviceId, labour = new { kind = "fixed", price = "1500" }, vatRate = 20 }).ShouldBe(HttpStatusCode.Created);
        var stages = $"/api/v1/tenants/{slug}/workshop/services/{serviceId}/stages";
        await (await api.PutAsJsonAsync(stages, new
        {
            stages = new object[]
            {
                new { name = new { en = "Diagnostics" }, expectedMinutes = 30, checklist = (string[])["Read the error codes"] },
                new { name = new { en = "Replace pads" }, expectedMinutes = 60 },
            },
        })).ShouldBe(HttpStatusCode.Created);

        var page = await host.NewPageAsync();
        await page.SignInAsync(owner.Email, owner.Password, $"/t/{slug}/workshop/services");
        await page.Locator("[data-test=repair-service-row]", new() { HasText = "Brake service" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=stage]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-test=template-version]")).ToContainTextAsync("1");

        await page.Locator("[data-test=stage]").First.Locator("[data-test=stage-down]").ClickAsync();
        await Assertions.Expect(page.Locator("input[data-test=stage-name-ru]").First).ToHaveValueAsync("");
        await page.Locator("[data-test=save-stages]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=template-version]")).ToContainTextAsync("2");
        await Assertions.Expect(page.Locator("[data-test=version-row]")).ToHaveCountAsync(2);
        await page.ScreenshotAsync("workshop-services");

        var current = await api.GetAsync(stages).ShouldBeOk();
        current.GetProperty("number").GetInt32().ShouldBe(2);
        current.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").Str("en")).ShouldBe(["Replace pads", "Diagnostics"]);
        current.GetProperty("stages")[1].GetProperty("checklist")[0].GetString().ShouldBe("Read the error codes");
        var first = await api.GetAsync($"/api/v1/tenants/{slug}/workshop/services/{serviceId}/versions/1").ShouldBeOk();
        first.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").Str("en")).ShouldBe(["Diagnostics", "Replace pads"]);
    }
}
