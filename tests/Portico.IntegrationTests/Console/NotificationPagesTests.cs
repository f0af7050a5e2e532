using System.Net;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>The notification screens: a workspace's templates, triggers and delivery log; my own preferences.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class NotificationPagesTests(ConsoleHost host)
{
    private async Task<(TestUser Owner, HttpClient Api, string Slug)> WorkspaceAsync()
    {
        var owner = await host.RegisterAsync();
        var api = owner.Client(host);
        var slug = Http.Unique("notify");
        await api.PostJson("/api/v1/tenants", new { name = "Notify Studio", slug, vertical = "studio" }).ShouldBe(HttpStatusCode.Created);
        return (owner, api, slug);
    }

    [Fact]
    public async Task An_owner_edits_a_template_sees_the_preview_change_and_adds_a_trigger()
    {
        var (owner, api, slug) = await WorkspaceAsync();
        var page = await host.NewPageAsync();
        await page.SignInAsync(owner.Email, owner.Password, $"/t/{slug}/settings/notifications");

        // The shipped text of contact.created by email is loaded for editing; its preview uses the sample data.
        var body = page.Locator("textarea[data-test=template-body]");
        await Assertions.Expect(body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Hello"));
        await page.Locator("[data-test=template-preview]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=preview-body]")).ToContainTextAsync("Anna");

        await body.FillAsync("Hi {{ recipient.name }}, a new client in {{ tenant.slug }}.");
        await page.Locator("[data-test=template-preview]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=preview-body]")).ToContainTextAsync($"Hi Anna, a new client in {slug}.");

        await page.Locator("[data-test=template-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=template-source]")).ToContainTextAsync("own template");
        var saved = await api.GetAsync($"/api/v1/tenants/{slug}/notifications/templates?eventType=contact.created&channel=email").ShouldBeOk();
        saved.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("body").GetString().ShouldBe("Hi {{ recipient.name }}, a new client in {{ tenant.slug }}.");

        // Invalid Liquid: the error lands on the field.
        await body.FillAsync("Hi {{ recipient.name ");
        await page.Locator("[data-test=template-preview]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-input-error").First).ToBeVisibleAsync();
        await body.FillAsync("Welcome, {{ recipient.name }}!");
        await page.Locator("[data-test=template-preview]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=preview-body]")).ToContainTextAsync("Welcome, Anna!");
        await page.ScreenshotAsync("notification-templates");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Triggers" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=trigger-save]")).ToBeVisibleAsync();
        await page.Locator("input[data-test=trigger-name]").FillAsync("Owners hear of everything");
        await page.Locator("[data-test=trigger-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=trigger-row-event]")).ToContainTextAsync("*");
        var triggers = await api.GetAsync($"/api/v1/tenants/{slug}/notifications/triggers").ShouldBeOk();
        triggers.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("name").GetString().ShouldBe("Owners hear of everything");
        await page.ScreenshotAsync("notification-triggers");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Delivery log" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=no-deliveries], [data-test=deliveries]").First).ToBeVisibleAsync();
        await page.ScreenshotAsync("notification-log");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_member_sets_quiet_hours_that_the_api_then_returns()
    {
        var (owner, api, _) = await WorkspaceAsync();
        var page = await host.NewPageAsync();
        await page.SignInAsync(owner.Email, owner.Password, "/account/notifications");

        await page.GetByText("Use quiet hours").ClickAsync();
        await page.Locator("input[data-test=quiet-start]").FillAsync("23:00");
        await page.Locator("input[data-test=quiet-end]").FillAsync("07:30");
        await page.Locator("[data-test=save-preferences]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Preferences saved.");

        var preferences = await api.GetAsync("/api/v1/profile/notifications").ShouldBeOk();
        preferences.GetProperty("quietHours").GetProperty("start").GetString().ShouldBe("23:00");
        preferences.GetProperty("quietHours").GetProperty("end").GetString().ShouldBe("07:30");

        // Bad times are refused with a clear message on the field.
        await page.Locator("input[data-test=quiet-start]").FillAsync("25:00");
        await page.Locator("[data-test=save-preferences]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-input-error").First).ToBeVisibleAsync();
        await page.Locator("input[data-test=quiet-start]").FillAsync("23:00");

        await page.ScreenshotAsync("account-notifications");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
    }
}
