using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>Workspaces, team, settings and audit pages, and the platform pages, as their people use them.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class TeamPagesTests(ConsoleHost host)
{
    [Fact]
    public async Task An_owner_creates_a_workspace_and_invites_a_colleague_who_accepts_through_the_emailed_link()
    {
        var owner = await host.RegisterAsync();
        var colleague = await host.RegisterAsync();
        var page = await host.NewPageAsync();
        await page.SignInAsync(owner.Email, owner.Password, "/workspaces");
        await Assertions.Expect(page.Locator("[data-test=empty-state]")).ToBeVisibleAsync();

        await page.Locator("[data-test=create-workspace]").First.ClickAsync();
        var name = $"Garage {Guid.NewGuid():N}"[..15];
        await page.Locator("[data-test=vertical-workshop]").ClickAsync();
        await page.Locator("input[data-test=workspace-name]").FillAsync(name);
        await Assertions.Expect(page.Locator("[data-test=slug-preview]")).ToContainTextAsync("/t/garage-");
        var slug = await page.Locator("input[data-test=workspace-slug]").InputValueAsync();
        slug.ShouldStartWith("garage-");
        await page.ScreenshotAsync("workspace-create");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await page.Locator("[data-test=create-workspace-submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/t/{slug}", StringComparison.Ordinal));
        // Its home (or, with a dashboard module, the dashboard) in the new workspace.
        await Assertions.Expect(page.Locator("[data-test=workspace-switcher]")).ToContainTextAsync(name);

        await page.GotoAsync($"/t/{slug}/team");
        await Assertions.Expect(page.Locator("[data-test=member-row]")).ToContainTextAsync(owner.Email);
        await page.ScreenshotAsync("team");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
        await page.Locator("input[data-test=invite-email]").FillAsync(colleague.Email);
        await page.Locator("[data-test=invite]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=invitation-row]")).ToContainTextAsync(colleague.Email);

        // The colleague follows the emailed link, signs in on the way, and accepts.
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(host.Smtp.MailFor(colleague.Email)[^1].TextBody ?? "", @"https?://\S+/invitations/\S+").Value);
        var other = await host.NewPageAsync();
        await other.GotoAsync(link.PathAndQuery);
        await other.Locator("[data-test=invitation-sign-in-button]").ClickAsync();
        await other.SignInAsync(colleague.Email, colleague.Password, link.PathAndQuery);
        await Assertions.Expect(other.Locator("[data-test=invitation-tenant]")).ToContainTextAsync(name);
        await other.ScreenshotAsync("invitation");
        (await other.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
        await other.Locator("[data-test=accept-invitation]").ClickAsync();
        await other.WaitForURLAsync(url => url.Contains($"/t/{slug}", StringComparison.Ordinal));
        await Assertions.Expect(other.Locator("[data-test=workspace-switcher]")).ToContainTextAsync(name);

        await page.Locator("[data-test=refresh-team]").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-test=member-row][data-email='{colleague.Email}']")).ToContainTextAsync("Employee");
        await Assertions.Expect(page.Locator("[data-test=no-invitations]")).ToBeVisibleAsync();

        await page.GotoAsync($"/t/{slug}/settings");
        await page.Locator("input[data-test=settings-dpo]").FillAsync("privacy@garage.example");
        await page.ScreenshotAsync("workspace-settings");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
        await page.Locator("[data-test=save-settings]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Saved");

        await page.GotoAsync($"/t/{slug}/audit");
        await Assertions.Expect(page.Locator("[data-test=audit-row]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=audit-entries]")).ToContainTextAsync("privacy@garage.example");
        await page.ScreenshotAsync("audit-log");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await page.GotoAsync("/workspaces");
        await Assertions.Expect(page.Locator("[data-test=workspace-card]")).ToContainTextAsync(name);
    }

    [Fact]
    public async Task An_employee_sees_no_admin_pages_and_loses_access_at_the_next_action_once_removed()
    {
        var (slug, owner) = await TenantAsync();
        var employee = await MemberAsync(slug, owner, "Employee");

        var page = await host.NewPageAsync();
        await page.SignInAsync(employee.Email, employee.Password, $"/t/{slug}/team");
        await Assertions.Expect(page.Locator("[data-test=member-row]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"a[href='/t/{slug}/team']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"a[href='/t/{slug}/settings']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($"a[href='/t/{slug}/audit']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("a[href='/admin/tenants']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-test=invite]")).ToHaveCountAsync(0);

        await page.GotoAsync($"/t/{slug}/settings");
        await Assertions.Expect(page.Locator("[data-test=no-access]")).ToBeVisibleAsync();
        await page.GotoAsync($"/t/{slug}/audit");
        await Assertions.Expect(page.Locator("[data-test=no-access]")).ToBeVisibleAsync();
        await page.GotoAsync("/admin/tenants");
        await Assertions.Expect(page.Locator("[data-test=no-access]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=tenants]")).ToHaveCountAsync(0);

        // Removed while the page is open: the next click finds no workspace, not its data.
        await page.GotoAsync($"/t/{slug}/team");
        await Assertions.Expect(page.Locator("[data-test=member-row]").First).ToBeVisibleAsync();
        var employeeId = await UserIdAsync(employee);
        (await owner.Client(host).DeleteAsync($"/api/v1/tenants/{slug}/members/{employeeId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await page.Locator("[data-test=refresh-team]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=not-found]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=member-row]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_platform_admin_suspends_a_tenant_and_its_members_are_refused()
    {
        var (slug, owner) = await TenantAsync();
        var member = await host.NewPageAsync();
        await member.SignInAsync(owner.Email, owner.Password, $"/t/{slug}/team");
        await Assertions.Expect(member.Locator("[data-test=member-row]").First).ToBeVisibleAsync();

        var admin = await host.NewPageAsync();
        await admin.SignInAsync(PorticoFactory.AdminEmail, PorticoFactory.AdminPassword, "/admin/tenants");
        await Assertions.Expect(admin.Locator("a[href='/admin/users']")).ToBeVisibleAsync();
        // Typed once the first page of the list is in, as a person would: a CI run under load saw the search typed
        // while the page still loaded show the unfiltered list.
        await Assertions.Expect(admin.Locator("[data-test=tenant-row]").First).ToBeVisibleAsync();
        await admin.Locator("input[data-test=tenant-search]").FillAsync(slug);
        var row = admin.Locator($"[data-test=tenant-row][data-slug='{slug}']");
        await Assertions.Expect(admin.Locator("[data-test=tenant-row]")).ToHaveCountAsync(1);
        await admin.ScreenshotAsync("admin-tenants");
        (await admin.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
        await row.Locator("[data-test=suspend-tenant]").ClickAsync();
        (await admin.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty(); // the confirmation
        await admin.Locator(".mud-dialog button:has-text('Suspend')").ClickAsync();
        await Assertions.Expect(row.Locator("[data-test=tenant-suspended]")).ToBeVisibleAsync();

        await member.Locator("[data-test=refresh-team]").ClickAsync();
        await Assertions.Expect(member.Locator("[data-test=refused]")).ToContainTextAsync("suspended");
        await Assertions.Expect(member.Locator("[data-test=member-row]")).ToHaveCountAsync(0);
        await member.GotoAsync($"/t/{slug}/team");
        await Assertions.Expect(member.Locator("[data-test=not-found]")).ToBeVisibleAsync();

        await admin.GotoAsync("/admin/users");
        await Assertions.Expect(admin.Locator("[data-test=user-row]").First).ToBeVisibleAsync();
        // Leaving the field right after typing, before the debounce ends, searches too (it once only stopped the timer).
        var search = admin.Locator("input[data-test=user-search]");
        await search.FillAsync(owner.Email);
        await search.PressAsync("Tab");
        await Assertions.Expect(admin.Locator("[data-test=user-row]")).ToHaveCountAsync(1);
        await admin.ScreenshotAsync("admin-users");
        (await admin.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
        await admin.Locator(".mud-input-clear-button").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-test=user-row]").Nth(1)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_platform_admin_assigns_an_account_manager_who_then_sees_the_tenant_as_theirs()
    {
        var (slug, _) = await TenantAsync();
        var manager = await host.RegisterAsync();
        var managerId = await UserIdAsync(manager);

        var admin = await host.NewPageAsync();
        await admin.SignInAsync(PorticoFactory.AdminEmail, PorticoFactory.AdminPassword, "/admin/tenants");
        // Typed once the first page of the list is in, as a person would: a CI run under load saw the search typed
        // while the page still loaded show the unfiltered list.
        await Assertions.Expect(admin.Locator("[data-test=tenant-row]").First).ToBeVisibleAsync();
        await admin.Locator("input[data-test=tenant-search]").FillAsync(slug);
        var row = admin.Locator($"[data-test=tenant-row][data-slug='{slug}']");
        await Assertions.Expect(admin.Locator("[data-test=tenant-row]")).ToHaveCountAsync(1);
        await row.Locator("[data-test=assign-tenant]").ClickAsync();
        await admin.Locator("input[data-test=manager-email]").FillAsync(manager.Email);
        await admin.Locator("[data-test=assign-confirm]").ClickAsync();
        // Not yet an account manager: the field says so and nothing is assigned.
        await Assertions.Expect(admin.Locator("[data-test=assign-manager]")).ToContainTextAsync("AccountManager platform role");
        (await host.AdminClient().PutAsJsonAsync($"/api/v1/admin/users/{managerId}/platform-role", new { role = "AccountManager" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await admin.Locator("[data-test=assign-confirm]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-test=tenant-manager]")).ToContainTextAsync(manager.Email);
        await admin.ScreenshotAsync("admin-tenant-manager");
        (await admin.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        var page = await host.NewPageAsync();
        await page.SignInAsync(manager.Email, manager.Password, "/manager/tenants");
        await Assertions.Expect(page.Locator("[data-test=managed-tenant-row]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-test=managed-tenants]")).ToContainTextAsync(slug);
    }

    private async Task<(string Slug, TestUser Owner)> TenantAsync()
    {
        var owner = await host.RegisterAsync();
        var slug = $"team-{Guid.NewGuid():N}"[..20];
        (await owner.Client(host).PostJson("/api/v1/tenants", new { name = "Team Test", slug, vertical = "studio" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return (slug, owner);
    }

    private async Task<TestUser> MemberAsync(string slug, TestUser owner, string role)
    {
        var member = await host.RegisterAsync();
        (await owner.Client(host).PostJson($"/api/v1/tenants/{slug}/invitations", new { email = member.Email, role })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await member.Client(host).PostAsync($"/api/v1/invitations/{host.Smtp.LastLinkToken(member.Email)}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return member;
    }

    private async Task<string> UserIdAsync(TestUser user) =>
        (await (await user.Client(host).GetAsync("/api/v1/me")).Json()).Str("id");
}
