using Portico.Crm.Contracts;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portico.Console.Shell;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Pages;

/// <summary>The CRM's daily screens in the console: dashboard, contacts, leads and deals boards.</summary>
internal static class CrmListPages
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton(new ConsoleTranslation(CrmListTexts.Russian));
        services.AddSingleton(new LiveToast("new-lead", (data, texts) => LiveToast.Field(data, "title") is { } title ? texts.Format("New lead: {0}", title) : null));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Dashboard", "/dashboard", Icons.Material.Filled.Dashboard, 0, Permission: CrmPermissions.Read));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Contacts", "/crm/contacts", Icons.Material.Filled.People, 10, Permission: CrmPermissions.Read));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Leads", "/crm/leads", Icons.Material.Filled.ViewKanban, 20, Permission: CrmPermissions.Read));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Deals", "/crm/deals", Icons.Material.Filled.Handshake, 30, Permission: CrmPermissions.Read));
    }
}
