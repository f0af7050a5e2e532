using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Portico.Console.Layout;
using Portico.Console.Shell;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.ConsoleTests;

public sealed class NavMenuTests : BunitContext
{
    public NavMenuTests()
    {
        Services.AddMudServices();
        Services.AddSingleton<ConsoleTexts>();
        Services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Leads", "/crm/leads", "", 10, Permission: "crm.read"));
        Services.AddSingleton(new ConsoleNavItem(NavSection.Settings, "Team", "/team", "", 10, Permission: "members.manage"));
        Services.AddSingleton(new ConsoleNavItem(NavSection.Platform, "Tenants", "/admin/tenants", "", 10, PlatformRole: "PlatformAdmin"));
        JSInterop.Mode = JSRuntimeMode.Loose;
        AddAuthorization().SetAuthorized("someone");
    }

    [Fact]
    public void An_employee_sees_the_work_pages_of_the_workspace_but_not_its_settings_nor_the_platform_pages()
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.Workspace, Workspace("Employee", "crm.read")));

        menu.FindAll("a").Select(a => a.GetAttribute("href")).ShouldBe(["/t/salon/crm/leads"]);
    }

    [Fact]
    public void An_owner_also_sees_settings_with_links_into_the_same_workspace()
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.Workspace, Workspace("Owner", "crm.read", "members.manage")));

        menu.FindAll("a").Select(a => a.GetAttribute("href")).ShouldBe(["/t/salon/crm/leads", "/t/salon/team"]);
    }

    private static ConsoleWorkspace Workspace(string role, params string[] permissions) => new(
        new TenantAccess(Guid.NewGuid(), "salon", role, Suspended: false, permissions.ToHashSet()),
        new TenantProfile(Guid.NewGuid(), "salon", "Salon", "studio", "en", "EUR", "Europe/Berlin", "DE"),
        [],
        "UTC");
}
