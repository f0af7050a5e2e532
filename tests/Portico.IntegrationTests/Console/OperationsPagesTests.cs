using System.Net;
using System.Text;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>The operations screens: files, the live events viewer, webhooks with deliveries and redelivery.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class OperationsPagesTests(ConsoleHost host)
{
    private async Task<(TestUser Owner, HttpClient Api, string Slug)> WorkspaceAsync()
    {
        var owner = await host.RegisterAsync();
        var api = owner.Client(host);
        var slug = Http.Unique("ops");
        await api.PostJson("/api/v1/tenants", new { name = "Ops Studio", slug, vertical = "studio" }).ShouldBe(HttpStatusCode.Created);
        return (owner, api, slug);
    }

    [Fact]
    public async Task A_member_uploads_a_file_downloads_it_and_deletes_it()
    {
        var (owner, _, slug) = await WorkspaceAsync();
        var page = await host.NewPageAsync();
        await page.SignInAsync(owner.Email, owner.Password, $"/t/{slug}/files");
        await Assertions.Expect(page.Locator("[data-test=upload]")).ToBeVisibleAsync();

        var content = "Opening hours: 9 to 18."u8.ToArray();
        await page.ChooseFileAsync(new FilePayload { Name = "hours.txt", MimeType = "text/plain", Buffer = content });
        await Assertions.Expect(page.Locator("[data-test=file-name]")).ToContainTextAsync("hours.txt");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0); // scanned once the toast has gone
        await page.ScreenshotAsync("files");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-test=download]").ClickAsync());
        var path = await download.PathAsync();
        (await File.ReadAllBytesAsync(path!)).ShouldBe(content);

        await page.Locator("[data-test=delete]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=file-name]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_events_viewer_shows_a_contact_created_through_the_api_as_it_happens()
    {
        var (owner, api, slug) = await WorkspaceAsync();
        var page = await host.NewPageAsync();
        await page.SignInAsync(owner.Email, owner.Password, $"/t/{slug}/events");
        await Assertions.Expect(page.Locator("[data-test=pause]")).ToBeVisibleAsync();

        await api.PostJson($"/api/v1/tenants/{slug}/crm/contacts", new { name = "Vera Live" }).ShouldBe(HttpStatusCode.Created);
        await Assertions.Expect(page.Locator("[data-test=event-type]").First).ToContainTextAsync("contact.created");
        await page.Locator("[data-test=toggle-payload]").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=payload]").First).ToContainTextAsync("Vera Live");
        await page.ScreenshotAsync("events");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_webhook_endpoint_made_in_the_console_receives_a_delivery_that_can_be_redelivered()
    {
        var (owner, api, slug) = await WorkspaceAsync();
        var page = await host.NewPageAsync();
        await page.SignInAsync(owner.Email, owner.Password, $"/t/{slug}/settings/webhooks");

        // The outbound policy refuses internal addresses: the error lands on the field.
        await page.Locator("input[data-test=webhook-url]").FillAsync("http://169.254.169.254/latest");
        await page.Locator("[data-test=webhook-events]").ClickAsync();
        var option = page.GetByRole(AriaRole.Option, new() { Name = "contact.created" });
        await option.ClickAsync();
        // Close the list (Escape, or a click beside it when the key went elsewhere) before reaching for the button under it.
        await page.Keyboard.PressAsync("Escape");
        if (await option.IsVisibleAsync())
        {
            await page.Mouse.ClickAsync(1300, 850); // the list's overlay, or empty page: either closes it
        }

        await Assertions.Expect(option).ToBeHiddenAsync();
        await page.Locator("[data-test=create-webhook]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-input-error").First).ToBeVisibleAsync();

        var url = host.Receiver.NewHook(out var hook);
        await page.Locator("input[data-test=webhook-url]").FillAsync(url);
        await page.Locator("[data-test=create-webhook]").ClickAsync();
        var secret = page.Locator("[data-test=secret-value]");
        await Assertions.Expect(secret).ToContainTextAsync("whsec");
        host.Receiver.Trust(hook, await secret.InnerTextAsync());
        await Assertions.Expect(page.Locator("[data-test=endpoint-url]")).ToContainTextAsync(url);

        await api.PostJson($"/api/v1/tenants/{slug}/crm/contacts", new { name = "Hook Contact" }).ShouldBe(HttpStatusCode.Created);
        await host.Receiver.WaitForAsync(hook, 1);

        await page.Locator("[data-test=show-deliveries]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=delivery-status]")).ToContainTextAsync("succeeded");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("webhooks");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await page.Locator("[data-test=redeliver]").ClickAsync();
        await host.Receiver.WaitForAsync(hook, 2);
        await page.Locator("[data-test=refresh-deliveries]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=delivery-attempts]")).ToContainTextAsync("manual");
    }
}
