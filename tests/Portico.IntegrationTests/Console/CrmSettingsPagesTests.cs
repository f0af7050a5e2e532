using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portico.IntegrationTests.Crm;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>The CRM's settings and tools screens: custom fields, pipelines, import, web forms (and objects, reached from the drawer).</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed partial class CrmSettingsPagesTests(ConsoleHost host)
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 30_000 };

    private async Task<(CrmTestTenant Tenant, IPage Page)> SignedInAsync(string path)
    {
        var tenant = await CrmTestTenant.CreateAsync(host, vertical: "studio");
        var page = await host.NewPageAsync();
        await page.SignInAsync(tenant.Owner.User.Email, tenant.Owner.User.Password, $"/t/{tenant.Slug}{path}");
        return (tenant, page);
    }

    [Fact]
    public async Task An_owner_adds_a_custom_field_and_a_pipeline_stage()
    {
        var (tenant, page) = await SignedInAsync("/crm/settings/fields");
        await page.Locator("input[data-test=field-label]").FillAsync("Loyalty card");
        // Leaving the label suggests the key; typing a key while the suggestion lands would mix the two.
        await page.Locator("input[data-test=field-label]").PressAsync("Tab");
        await Assertions.Expect(page.Locator("input[data-test=field-key]")).ToHaveValueAsync("loyalty_card");
        await page.Locator("[data-test=add-field]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=fields]")).ToContainTextAsync("Loyalty card");
        await page.ScreenshotAsync("crm-custom-fields");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
        var fields = (await tenant.Client.GetAsync(tenant.Crm("fields?recordType=contact")).ShouldBeOk()).GetProperty("items");
        fields.EnumerateArray().Select(f => f.Str("key")).ShouldBe(["loyalty_card"]);

        await page.GotoAsync($"/t/{tenant.Slug}/crm/settings/pipelines");
        var pipeline = page.Locator("[data-test=pipeline]").First;
        var name = await pipeline.Locator("p").First.InnerTextAsync();
        await pipeline.ClickAsync();
        var stageNames = page.Locator("input[data-test=stage-name]");
        await Assertions.Expect(stageNames.First).ToBeVisibleAsync();
        var stages = await stageNames.CountAsync();
        await page.Locator("[data-test=add-stage]").ClickAsync();
        // The new stage's row must be there before its name is typed (else the name lands in the row before it).
        await Assertions.Expect(stageNames).ToHaveCountAsync(stages + 1);
        await stageNames.Last.FillAsync("Follow-up call");
        await page.Locator("[data-test=save-pipeline]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Pipeline saved.");
        await page.ScreenshotAsync("crm-pipelines");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        var pipelines = (await tenant.Client.GetAsync(tenant.Crm("pipelines")).ShouldBeOk()).GetProperty("items").EnumerateArray();
        var saved = pipelines.Single(p => name.StartsWith(p.Str("name"), StringComparison.Ordinal));
        saved.GetProperty("stages").EnumerateArray().Last().Str("name").ShouldBe("Follow-up call");
    }

    [Fact]
    public async Task A_CSV_is_checked_showing_the_bad_row_then_imported()
    {
        var (tenant, page) = await SignedInAsync("/crm/import");
        await tenant.Client.PostJson(tenant.Crm("fields"), new { recordType = "contact", key = "loyalty_card", label = "Loyalty card", type = "text" }).ShouldBe(HttpStatusCode.Created);
        // Russian headers are matched too; the custom field is offered (and suggested) by its label.
        var csv = "Имя,Телефон,Эл. почта,Loyalty card\nAnna Petrova,+49 30 1234567,anna@example.com,A-100\nBoris Bad,+49 30 7654321,not an email,B-200\nClara Weiss,+49 30 5550000,clara@example.com,C-300\n";
        await page.ChooseFileAsync(new FilePayload { Name = "clients.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Assertions.Expect(page.Locator("[data-test=import-file-name]")).ToContainTextAsync("clients.csv");
        await Assertions.Expect(page.Locator("[data-test=mapping-row]")).ToHaveCountAsync(4);

        await page.Locator("[data-test=dry-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=dry-run-result]")).ToContainTextAsync("with errors: 1", Slow);
        await Assertions.Expect(page.Locator("[data-test=import-errors]")).ToContainTextAsync("email");
        await page.ScreenshotAsync("crm-import");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await page.Locator("[data-test=run-import]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=import-result]")).ToContainTextAsync("Import finished.", Slow);
        await Assertions.Expect(page.Locator("[data-test=import-result]")).ToContainTextAsync("Created: 2");
        var contacts = (await tenant.Client.GetAsync(tenant.Crm("contacts?sort=name")).ShouldBeOk()).GetProperty("items").EnumerateArray().ToList();
        contacts.Select(c => c.Str("name")).ShouldBe(["Anna Petrova", "Clara Weiss"]);
        contacts[0].GetProperty("customFields").Str("loyalty_card").ShouldBe("A-100");
    }

    [Fact]
    public async Task A_web_form_is_built_previewed_embedded_and_takes_a_submission()
    {
        var (tenant, page) = await SignedInAsync("/crm/forms");
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = host.BaseUrl });
        await page.Locator("input[data-test=form-name]").FillAsync("Website contact");
        await page.Locator("input[data-test=form-title]").FillAsync("Book a consultation");
        await Assertions.Expect(page.Locator("[data-test=preview]")).ToContainTextAsync("Book a consultation");
        await page.Locator("input[data-test=form-field-label]").First.FillAsync("Full name");
        await Assertions.Expect(page.Locator("[data-test=preview]")).ToContainTextAsync("Full name");
        // The new row arrives with the next render: fill it only once it is there, not the row before it.
        var rows = await page.Locator("input[data-test=form-field-label]").CountAsync();
        await page.Locator("[data-test=add-form-field]").ClickAsync();
        await Assertions.Expect(page.Locator("input[data-test=form-field-label]")).ToHaveCountAsync(rows + 1);
        await page.Locator("input[data-test=form-field-label]").Last.FillAsync("Favourite service");
        await page.Locator("input[data-test=form-field-name]").Last.FillAsync("service");
        await Assertions.Expect(page.Locator("[data-test=preview]")).ToContainTextAsync("Favourite service");
        await page.Locator("textarea[data-test=form-origins]").FillAsync("https://salon.example");
        await page.Locator("input[data-test=form-min-fill]").FillAsync("0");
        // The page re-renders as it takes each value: Save only once every field shows what was typed.
        await Assertions.Expect(page.Locator("input[data-test=form-field-name]").Last).ToHaveValueAsync("service");
        await Assertions.Expect(page.Locator("textarea[data-test=form-origins]")).ToHaveValueAsync("https://salon.example");
        await Assertions.Expect(page.Locator("input[data-test=form-min-fill]")).ToHaveValueAsync("0");
        await page.Locator("[data-test=save-form]").ClickAsync();

        var snippet = page.Locator("[data-test=embed-snippet]");
        await Assertions.Expect(snippet).ToContainTextAsync(".js");
        var code = await snippet.InnerTextAsync();
        await page.Locator("[data-test=copy-snippet]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("Copied.");
        (await page.EvaluateAsync<string>("navigator.clipboard.readText()")).ShouldBe(code);
        await page.ScreenshotAsync("crm-web-forms");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        // The form built is live: a visitor's browser on the allowed site sends it and a lead arrives.
        var key = FormKey().Match(code).Groups[1].Value;
        var visitor = host.CreateClient();
        var token = (await visitor.GetAsync($"/api/v1/public/forms/{key}").ShouldBeOk()).Str("startedToken");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/public/forms/{key}/submissions")
        {
            Content = JsonContent.Create(new { fields = new { name = "Ivan Petrov", phone = "+49 30 1234567", service = "Haircut" }, consent = false, startedToken = token }),
        };
        request.Headers.Add("Origin", "https://salon.example");
        using var sent = await visitor.SendAsync(request);
        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted, await sent.Content.ReadAsStringAsync());
        var leads = (await tenant.Client.GetAsync(tenant.Crm("leads")).ShouldBeOk()).GetProperty("items").EnumerateArray().ToList();
        var lead = leads.ShouldHaveSingleItem();
        lead.Str("contactName").ShouldBe("Ivan Petrov");
        lead.GetProperty("formData").GetProperty("service").GetString().ShouldBe("Haircut");
    }

    [GeneratedRegex("/forms/([A-Za-z0-9_-]+)\\.js")]
    private static partial Regex FormKey();
}
