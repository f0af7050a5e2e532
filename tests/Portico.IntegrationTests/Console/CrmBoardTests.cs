using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>The CRM's daily screens in a real browser: the leads board (drag and drop kept after a reload, live leads
/// from a web form, the "Move to" menu on a phone), the contacts list with search and filters, a contact, the dashboard.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class CrmBoardTests(ConsoleHost host)
{
    private static async Task<(TestUser User, HttpClient Owner, string Slug)> StudioAsync(PorticoFactory host)
    {
        var user = await host.RegisterAsync();
        var owner = user.Client(host);
        var slug = $"crm-{Guid.NewGuid():N}"[..20];
        await owner.PostJson("/api/v1/tenants", new { name = "Studio Board", slug, vertical = "studio" }).ShouldBe(HttpStatusCode.Created);
        return (user, owner, slug);
    }

    private static async Task<string[]> LeadStagesAsync(HttpClient owner, string slug)
    {
        var pipelines = await owner.GetAsync($"/api/v1/tenants/{slug}/crm/pipelines?recordType=lead").ShouldBeOk();
        var pipeline = pipelines.GetProperty("items").EnumerateArray().First(p => p.GetProperty("isDefault").GetBoolean());
        return pipeline.GetProperty("stages").EnumerateArray().Select(s => s.Str("name")).ToArray();
    }

    private static ILocator Column(IPage page, string stage) => page.Locator($"[data-test=stage-column][data-stage=\"{stage}\"]");

    [Fact]
    public async Task A_lead_added_on_the_board_is_dragged_to_another_stage_and_stays_there_and_a_web_form_lead_appears_live()
    {
        var (user, owner, slug) = await StudioAsync(host);
        var stages = await LeadStagesAsync(owner, slug);

        var page = await host.NewPageAsync();
        await page.SignInAsync(user.Email, user.Password, $"/t/{slug}/crm/leads");
        await Assertions.Expect(Column(page, stages[0])).ToBeVisibleAsync();
        await page.ScreenshotAsync("crm-leads-board");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await page.Locator("[data-test=quick-create]").ClickAsync();
        await page.Locator("input[data-test=new-title]").FillAsync("Bridal make-up trial");
        await page.Locator("input[data-test=new-contact]").FillAsync("Olga Smirnova");
        await page.Locator("[data-test=create]").ClickAsync();
        var card = Column(page, stages[0]).Locator("[data-test=board-card]", new() { HasText = "Bridal make-up trial" });
        await Assertions.Expect(card).ToBeVisibleAsync();

        await card.DragToAsync(Column(page, stages[1]).Locator("[data-test=stage-zone]"));
        await Assertions.Expect(Column(page, stages[1]).Locator("[data-test=board-card]", new() { HasText = "Bridal make-up trial" })).ToBeVisibleAsync();
        // The move is saved: the API and a reloaded board agree.
        await Patience.UntilAsync(async () =>
        {
            var leads = await owner.GetAsync($"/api/v1/tenants/{slug}/crm/leads?q=Bridal").ShouldBeOk();
            var stageId = leads.GetProperty("items")[0].Str("stageId");
            var pipelines = await owner.GetAsync($"/api/v1/tenants/{slug}/crm/pipelines?recordType=lead").ShouldBeOk();
            return pipelines.GetProperty("items").EnumerateArray().SelectMany(p => p.GetProperty("stages").EnumerateArray()).Any(s => s.Str("id") == stageId && s.Str("name") == stages[1]);
        }, "the dragged lead saved in its new stage");
        await page.ReloadAsync();
        await Assertions.Expect(Column(page, stages[1]).Locator("[data-test=board-card]", new() { HasText = "Bridal make-up trial" })).ToBeVisibleAsync();
        await Assertions.Expect(Column(page, stages[0]).Locator("[data-test=board-card]", new() { HasText = "Bridal make-up trial" })).ToHaveCountAsync(0);

        // A colleague's browser has the board open; a visitor sends the web form.
        var colleague = await host.NewPageAsync();
        await colleague.SignInAsync(user.Email, user.Password, $"/t/{slug}/crm/leads");
        await Assertions.Expect(Column(colleague, stages[0])).ToBeVisibleAsync();
        var form = await owner.PostJson($"/api/v1/tenants/{slug}/crm/forms", new
        {
            name = "Website contact",
            title = "Book a consultation",
            fields = new object[]
            {
                new { name = "name", label = "Your name", type = "text", required = true, mapsTo = "contactName" },
                new { name = "email", label = "Email", type = "email", required = true, mapsTo = "email" },
            },
            consentText = "I agree that the studio stores my data to answer me.",
            thankYouMessage = "Thanks!",
            allowedOrigins = new[] { "https://studio.example" },
            minFillSeconds = 0,
        }).ShouldBe(HttpStatusCode.Created);
        var key = form.Str("key");
        var visitor = host.CreateClient();
        var token = (await visitor.GetAsync($"/api/v1/public/forms/{key}").ShouldBeOk()).Str("startedToken");
        using var submission = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/public/forms/{key}/submissions")
        {
            Content = JsonContent.Create(new { fields = new { name = "Vera Live", email = "vera.live@example.com" }, consent = true, startedToken = token }),
        };
        submission.Headers.Add("Origin", "https://studio.example");
        (await visitor.SendAsync(submission)).IsSuccessStatusCode.ShouldBeTrue();

        await Assertions.Expect(colleague.Locator("[data-test=board-card]", new() { HasText = "Vera Live" })).ToBeVisibleAsync();
        await Assertions.Expect(colleague.Locator(".mud-snackbar")).ToContainTextAsync("New lead");
    }

    [Fact]
    public async Task Contacts_are_searched_and_filtered_a_contact_shows_its_timeline_the_dashboard_its_figures_and_the_board_works_on_a_phone()
    {
        var (user, owner, slug) = await StudioAsync(host);
        await owner.PostJson($"/api/v1/tenants/{slug}/crm/fields", new { recordType = "contact", key = "membership", label = "Membership", type = "select", options = new[] { "gold", "silver" } })
            .ShouldBe(HttpStatusCode.Created);
        await owner.PostJson($"/api/v1/tenants/{slug}/crm/contacts", new { name = "Irina Gold", emails = new[] { "irina@example.com" }, companyName = "Aurora", customFields = new { membership = "gold" } })
            .ShouldBe(HttpStatusCode.Created);
        await owner.PostJson($"/api/v1/tenants/{slug}/crm/contacts", new { name = "Pavel Silver", emails = new[] { "pavel@example.com" }, companyName = "Borealis", customFields = new { membership = "silver" } })
            .ShouldBe(HttpStatusCode.Created);
        await owner.PostJson($"/api/v1/tenants/{slug}/crm/leads", new { title = "Gift card", contactName = "Nina Lead", source = "instagram" }).ShouldBe(HttpStatusCode.Created);

        var page = await host.NewPageAsync();
        await page.SignInAsync(user.Email, user.Password, $"/t/{slug}/crm/contacts");
        var rows = page.Locator("[data-test=contact-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.Locator("input[data-test=contact-search]").FillAsync("Pavel");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("Pavel Silver");
        await page.Locator("input[data-test=contact-search]").FillAsync("");
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        // A filter on the custom field.
        await page.Locator("[data-test=add-filter]").ClickAsync();
        await page.Locator("[data-test=filter-field]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Membership" }).ClickAsync();
        await page.Locator("input[data-test=filter-value]").FillAsync("gold");
        await page.Locator("[data-test=filter-apply]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=filter-chip]")).ToContainTextAsync("Membership");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("Irina Gold");
        await page.ScreenshotAsync("crm-contacts");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        // The contact: details, and a note added to the timeline.
        await rows.Locator("[data-test=contact-name]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=contact-title]")).ToHaveTextAsync("Irina Gold");
        await Assertions.Expect(page.Locator("[data-test=contact-details]")).ToContainTextAsync("Aurora");
        await page.ScreenshotAsync("crm-contact");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
        await page.Locator("textarea[data-test=activity-body]").FillAsync("Prefers Saturday mornings");
        await page.Locator("[data-test=save-activity]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=timeline]")).ToContainTextAsync("Prefers Saturday mornings");

        // The dashboard counts the lead.
        await page.GotoAsync($"/t/{slug}/dashboard");
        await Assertions.Expect(page.Locator("[data-test=kpi-new-leads] [data-test=kpi-value]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-test=leads-by-source]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=pipeline-value]")).ToBeVisibleAsync();
        await page.ScreenshotAsync("dashboard");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        // On a phone, the board scrolls sideways and a card moves with its "Move to" menu (the keyboard way too).
        var stages = await LeadStagesAsync(owner, slug);
        var phone = await host.NewPageAsync(390, 844);
        await phone.SignInAsync(user.Email, user.Password, $"/t/{slug}/crm/leads");
        var card = Column(phone, stages[0]).Locator("[data-test=board-card]", new() { HasText = "Gift card" });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await phone.ScreenshotAsync("crm-leads-board-phone");
        (await phone.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
        await card.Locator("[data-test=move-menu]").ClickAsync();
        await phone.Locator("[data-test=move-target]", new() { HasText = stages[2] }).ClickAsync();
        await Assertions.Expect(Column(phone, stages[2]).Locator("[data-test=board-card]", new() { HasText = "Gift card" })).ToBeVisibleAsync();
        await phone.ReloadAsync();
        await Assertions.Expect(Column(phone, stages[2]).Locator("[data-test=board-card]", new() { HasText = "Gift card" })).ToBeVisibleAsync();
    }
}
