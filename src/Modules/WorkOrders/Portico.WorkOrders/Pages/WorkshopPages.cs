using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portico.Console.Shell;

namespace Portico.WorkOrders.Pages;

/// <summary>The workshop in the console: repair services and their stage template editor.</summary>
internal static class WorkshopPages
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton(new ConsoleTranslation(WorkshopTexts.Russian));
        services.AddSingleton(new ConsoleTranslation(global::Portico.WorkOrders.Pages.Orders.OrderTexts.Russian));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Work orders", "/workshop/orders", Icons.Material.Filled.CarRepair, 33, Permission: WorkOrdersPermissions.Read));
        services.AddSingleton(new ConsoleTranslation(Mechanic.MechanicTexts.Russian));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "My work", "/workshop/my-queue", Icons.Material.Filled.Handyman, 32, Permission: WorkOrdersPermissions.Work));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Repair services", "/workshop/services", Icons.Material.Filled.Build, 34, Permission: WorkOrdersPermissions.Read));
        services.AddSingleton(new ConsoleTranslation(global::Portico.WorkOrders.Pages.Reports.ReportPageTexts.Russian));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Reports", "/workshop/reports", Icons.Material.Filled.BarChart, 35, Permission: WorkOrdersPermissions.Reports));
    }
}
