using System.Net;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;
using Portico.IntegrationTests.WorkOrders;

namespace Portico.IntegrationTests.Console;

/// <summary>The mechanic's phone screens: the queue and the stage screen, on a 390 × 844 page.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class MechanicDashboardTests(ConsoleHost host)
{
    /// <summary>A real 1×1 PNG, standing in for the phone camera's photo.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_mechanic_on_a_phone_starts_the_photo_stage_is_refused_without_a_photo_takes_one_and_completes_it()
    {
        var shop = await WorkshopShop.CreateAsync(host);
        var mechanic = await host.RegisterAsync(locale: "ru");
        await shop.Client.PostJson(shop.Api("invitations"), new { email = mechanic.Email, role = "Mechanic" }).ShouldBe(HttpStatusCode.Created);
        var mechanicApi = mechanic.Client(host);
        await mechanicApi.PostAsync($"/api/v1/invitations/{host.Smtp.LastLinkToken(mechanic.Email)}/accept", null).ShouldBe(HttpStatusCode.OK);
        var mechanicId = (await mechanicApi.GetAsync("/api/v1/me").ShouldBeOk()).Str("id");
        var order = await shop.OpenOrderAsync();
        var orderId = order.Str("id");
        await shop.MoveAsync(orderId, "approved");
        await shop.Client.PostJson(shop.Order(orderId, "/assign"), new { mechanicId }).ShouldBeOk();
        var padsStage = order.GetProperty("stages")[1].Str("id");

        var phone = await host.NewPageAsync(390, 844, "ru-RU");
        // A mechanic opening the workshop starts on their work, not on the CRM dashboard their role cannot read.
        await phone.SignInAsync(mechanic.Email, mechanic.Password, $"/t/{shop.Slug}");
        await phone.WaitForURLAsync(url => url.EndsWith("/workshop/my-queue", StringComparison.Ordinal));
        var cards = phone.Locator("[data-test=queue-card]");
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        await Assertions.Expect(phone.Locator("h1")).ToContainTextAsync("Мои работы");
        await Assertions.Expect(cards.Nth(1)).ToContainTextAsync("Замена колодок");
        await Assertions.Expect(cards.Nth(1)).ToContainTextAsync("Лада Веста");
        await Assertions.Expect(cards.Nth(1)).ToContainTextAsync("60 мин");
        (await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        (await cards.Nth(1).BoundingBoxAsync())!.Height.ShouldBeGreaterThanOrEqualTo(44);
        (await phone.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
        await phone.ScreenshotAsync("mechanic-queue");

        await phone.Locator($"[data-test=queue-card][data-stage-id='{padsStage}']").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-test=stage-name]")).ToContainTextAsync("Замена колодок");
        await Assertions.Expect(phone.Locator("[data-test=stage-complaint]")).ToHaveTextAsync("Скрип при торможении");
        await Assertions.Expect(phone.Locator("[data-test=stage-part]")).ToHaveCountAsync(2);
        var start = phone.Locator("[data-test=stage-start]");
        (await start.BoundingBoxAsync())!.Height.ShouldBeGreaterThanOrEqualTo(44);
        await start.ClickAsync();
        await Assertions.Expect(phone.Locator("[data-test=stage-status]")).ToHaveAttributeAsync("data-status", "in_progress");

        // No photo yet: the refusal is said in words beside the button.
        await phone.Locator("[data-test=stage-complete]").ClickAsync();
        var refusal = phone.Locator("[data-test=refusal]");
        await Assertions.Expect(refusal).ToHaveAttributeAsync("data-code", "photo-required");
        await Assertions.Expect(refusal).ToContainTextAsync("нужно фото");
        await Assertions.Expect(phone.Locator("[data-test=stage-status]")).ToHaveAttributeAsync("data-status", "in_progress");

        await phone.ChooseFileAsync(new FilePayload { Name = "pads.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(phone.Locator("[data-test=stage-photo] img")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator("[data-test=stage-photo] img")).ToHaveJSPropertyAsync("naturalWidth", 1);
        (await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        (await phone.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
        await phone.ScreenshotAsync("mechanic-stage");

        await phone.Locator("input[data-test=actual-minutes]").FillAsync("50");
        await phone.Locator("[data-test=stage-complete]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-test=stage-done]")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("[data-test=stage-status]")).ToHaveAttributeAsync("data-status", "done");

        var stage = (await shop.Client.GetAsync(shop.Order(orderId)).ShouldBeOk()).GetProperty("stages")[1];
        stage.Str("status").ShouldBe("done");
        stage.GetProperty("photoCount").GetInt32().ShouldBe(1);
        stage.GetProperty("actualMinutes").GetInt32().ShouldBe(50);
        var timeline = await shop.Client.GetAsync(shop.Order(orderId, $"/timeline?stageId={padsStage}")).ShouldBeOk();
        var photo = timeline.GetProperty("items").EnumerateArray().Single(e => e.Str("kind") == "attachment");
        photo.Str("contentType").ShouldBe("image/png");
        photo.Str("fileName").ShouldBe("pads.png");
        photo.Str("actor").ShouldBe($"user:{mechanicId}");
        timeline.GetProperty("items").EnumerateArray().ShouldContain(e => e.Str("kind") == "stage_completed");

        // The stage done leaves the queue; the diagnostics stage stays.
        await phone.Locator("[data-test=back-to-queue]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-test=queue-card]")).ToHaveCountAsync(1);

        // The diagnostics stage's checklist ticks through the same use case as the API.
        await phone.Locator("[data-test=queue-card]").ClickAsync();
        var item = phone.Locator("[data-test=checklist-item]").First;
        await Assertions.Expect(item).ToHaveAttributeAsync("data-done", "false");
        await item.Locator("input[type=checkbox]").ClickAsync(new() { Force = true });
        await Assertions.Expect(item).ToHaveAttributeAsync("data-done", "true");
        var diagnostics = (await shop.Client.GetAsync(shop.Order(orderId)).ShouldBeOk()).GetProperty("stages")[0];
        diagnostics.GetProperty("checklist")[0].GetProperty("done").GetBoolean().ShouldBeTrue();
        diagnostics.GetProperty("checklist")[1].GetProperty("done").GetBoolean().ShouldBeFalse();
    }
}
