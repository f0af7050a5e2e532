using Portico.Crm.Contracts;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portico.Console.Shell;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Pages.Settings;

/// <summary>The CRM's settings and tools screens in the console's drawer, with their Russian texts.</summary>
internal static class CrmSettingsPages
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton(new ConsoleTranslation(CrmSettingsTexts.Russian));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Objects", "/crm/objects", Icons.Material.Filled.Category, 40, Permission: CrmPermissions.Read));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Import", "/crm/import", Icons.Material.Filled.UploadFile, 50, Permission: CrmPermissions.Write));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Web forms", "/crm/forms", Icons.Material.Filled.DynamicForm, 60, Permission: CrmPermissions.Settings));
        services.AddSingleton(new ConsoleNavItem(NavSection.Settings, "Custom fields", "/crm/settings/fields", Icons.Material.Filled.TextFields, 40, Permission: CrmPermissions.Settings));
        services.AddSingleton(new ConsoleNavItem(NavSection.Settings, "Pipelines", "/crm/settings/pipelines", Icons.Material.Filled.ViewKanban, 41, Permission: CrmPermissions.Settings));
    }
}
