using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>
/// The first day of a new studio owner, in one browser: sign up with the emailed code, create a studio
/// workspace, add a lead on the board, drag it to another stage, reload, and find it there; then the same
/// board on a phone.
/// </summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class ConsoleJourneyTests(ConsoleHost host)
{
    [Fact]
    public async Task A_new_owner_signs_up_creates_a_studio_adds_a_lead_and_drags_it_to_another_stage_that_survives_a_reload()
    {
        var email = Accounts.NewEmail("journey");
        var page = await host.NewPageAsync();
        await page.GotoAsync("/sign-up");
        await page.Locator("input[data-test=full-name]").FillAsync("Olga Smirnova");
        await page.Locator("input[data-test=email]").FillAsync(email);
        await page.Locator("input[data-test=password]").FillAsync(Accounts.Password);
        await page.Locator("[data-test=sign-up]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=code-sent-to]")).ToContainTextAsync(email);
        var code = await Patience.EventuallyAsync(
            () => Task.FromResult(host.Smtp.MailFor(email).Count > 0 ? host.Smtp.LastCode(email) : ""), c => c.Length == 6, $"the code emailed to {email}");
        await page.Locator("input[data-test=code]").FillAsync(code);
        await page.Locator("[data-test=verify]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-up", StringComparison.Ordinal));

        await page.GotoAsync("/workspaces/new");
        await page.Locator("[data-test=vertical-studio]").ClickAsync();
        var name = $"Studio {Guid.NewGuid():N}"[..15];
        await page.Locator("input[data-test=workspace-name]").FillAsync(name);
        await Assertions.Expect(page.Locator("[data-test=slug-preview]")).ToContainTextAsync("/t/");
        await page.ScreenshotAsync("workspace-create");
        await page.Locator("[data-test=create-workspace-submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/t/", StringComparison.Ordinal));
        var slug = new Uri(page.Url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[1];

        await page.GotoAsync($"/t/{slug}/crm/leads");
        var columns = page.Locator("[data-test=stage-column]");
        await Assertions.Expect(columns.First).ToBeVisibleAsync();
        (await columns.CountAsync()).ShouldBeGreaterThan(1);
        var first = await columns.Nth(0).GetAttributeAsync("data-stage");
        var second = await columns.Nth(1).GetAttributeAsync("data-stage");

        await page.Locator("[data-test=quick-create]").ClickAsync();
        await page.Locator("input[data-test=new-title]").FillAsync("Sleeve tattoo consultation");
        await page.Locator("[data-test=create]").ClickAsync();
        var card = page.Locator("[data-test=board-card][data-title='Sleeve tattoo consultation']");
        await Assertions.Expect(page.Locator($"[data-test=stage-column][data-stage='{first}'] [data-test=board-card][data-title='Sleeve tattoo consultation']")).ToBeVisibleAsync();
        await page.ScreenshotAsync("leads-board");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await card.DragToAsync(page.Locator($"[data-test=stage-zone][data-stage='{second}']"));
        await Assertions.Expect(page.Locator($"[data-test=stage-column][data-stage='{second}'] [data-test=board-card][data-title='Sleeve tattoo consultation']")).ToBeVisibleAsync();

        // The move was saved, not only drawn: a fresh page (a new circuit) shows the lead in its new stage.
        await Patience.UntilAsync(async () =>
        {
            await page.ReloadAsync();
            await Assertions.Expect(columns.First).ToBeVisibleAsync();
            return await page.Locator($"[data-test=stage-column][data-stage='{second}'] [data-test=board-card][data-title='Sleeve tattoo consultation']").CountAsync() == 1;
        }, "the dragged lead in its new stage after a reload");
        (await page.Locator($"[data-test=stage-column][data-stage='{first}'] [data-test=board-card][data-title='Sleeve tattoo consultation']").CountAsync()).ShouldBe(0);

        // On a 390-px-wide phone the navigation is a drawer behind the menu button, and the board still works.
        var phone = await host.NewPageAsync(390, 844);
        await phone.Context.AddCookiesAsync((await page.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        await phone.GotoAsync($"/t/{slug}/crm/leads");
        await Assertions.Expect(phone.Locator("[data-test=board-card][data-title='Sleeve tattoo consultation']")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator(".mud-drawer a[href$='/crm/leads']")).Not.ToBeInViewportAsync();
        // The drawer closes itself below its breakpoint once the browser has told the server the width; a click on
        // the menu before that would toggle the still-open drawer shut.
        await Assertions.Expect(phone.Locator(".mud-drawer")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
        await phone.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Menu" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".mud-drawer a[href$='/crm/leads']").First).ToBeInViewportAsync();
        await phone.ScreenshotAsync("leads-board-phone");
        (await phone.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
    }
}
