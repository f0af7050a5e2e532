using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portico.Console.Shell;

namespace Portico.Scheduling.Pages;

/// <summary>Scheduling in the console: staff with their working hours and time off, resources, the booking, reminder and holiday settings, and connected calendars.</summary>
internal static class SchedulingPages
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton(new ConsoleTranslation(SchedulingTexts.Russian));
        services.AddSingleton(new ConsoleNavItem(NavSection.Settings, "Staff and hours", "/scheduling/staff", Icons.Material.Filled.Badge, 40, Permission: SchedulingPermissions.Read));
        services.AddSingleton(new ConsoleNavItem(NavSection.Settings, "Resources", "/scheduling/resources", Icons.Material.Filled.Chair, 41, Permission: SchedulingPermissions.Read));
        services.AddSingleton(new ConsoleNavItem(NavSection.Settings, "Scheduling settings", "/scheduling/settings", Icons.Material.Filled.EventAvailable, 42, Permission: SchedulingPermissions.Read));
        services.AddSingleton(new ConsoleNavItem(NavSection.Settings, "Connected calendars", "/scheduling/calendars", Icons.Material.Filled.SyncAlt, 43, Permission: SchedulingPermissions.Read));
    }
}
