using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

[Collection(ConsoleBrowsers.Name)]
public sealed class SignInPageTests(ConsoleHost host)
{
    [Fact]
    public async Task A_member_signs_in_sees_their_workspaces_and_signs_out()
    {
        var user = await host.RegisterAsync();
        var owner = user.Client(host);
        (await owner.PostJson("/api/v1/tenants", new { name = "Studio Aurora", slug = $"aurora-{Guid.NewGuid():N}"[..20], vertical = "studio" })).StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);

        var page = await host.NewPageAsync();
        await page.GotoAsync("/workspaces");
        await page.WaitForURLAsync(url => url.Contains("/sign-in", StringComparison.Ordinal));
        await page.ScreenshotAsync("sign-in");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await page.Locator("input[data-test=email]").FillAsync(user.Email);
        await page.Locator("input[data-test=password]").FillAsync("not the password at all");
        await page.Locator("[data-test=sign-in]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=sign-in-error]")).ToContainTextAsync("wrong");

        await page.SignInAsync(user.Email, user.Password, "/workspaces");
        await Assertions.Expect(page.Locator("[data-test=workspace-card]")).ToContainTextAsync("Studio Aurora");
        await page.ScreenshotAsync("workspaces");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await page.Locator("[data-test=account-menu]").ClickAsync();
        await page.Locator("[data-test=sign-out]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/sign-in", StringComparison.Ordinal));
        await page.GotoAsync("/workspaces");
        await page.WaitForURLAsync(url => url.Contains("/sign-in", StringComparison.Ordinal));
    }
}
