using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portico.Console.Shell;

namespace Portico.Inventory.Pages;

/// <summary>The inventory in the console: items with their stock, an item's movements, receiving and adjusting stock, the reorder list.</summary>
internal static class InventoryPages
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton(new ConsoleTranslation(InventoryTexts.Russian));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Inventory", "/inventory", Icons.Material.Filled.Inventory2, 34, Permission: InventoryPermissions.Read));
    }
}
