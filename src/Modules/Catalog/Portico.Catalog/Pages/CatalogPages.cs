using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portico.Console.Shell;

namespace Portico.Catalog.Pages;

/// <summary>The service catalog in the console: categories, services, their prices, durations and portfolio.</summary>
internal static class CatalogPages
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton(new ConsoleTranslation(CatalogTexts.Russian));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Services", "/catalog", Icons.Material.Filled.ContentCut, 32, Permission: CatalogPermissions.Read));
    }
}
