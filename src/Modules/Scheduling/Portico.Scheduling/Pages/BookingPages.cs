using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portico.Console.Shell;

namespace Portico.Scheduling.Pages;

/// <summary>The staff calendar in the console (with its live toast for new bookings) and the studio's public booking page.</summary>
internal static class BookingPages
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton(new ConsoleTranslation(BookingTexts.Russian));
        services.AddSingleton(new LiveToast("appointment-booked", (data, texts) =>
            LiveToast.Field(data, "source") == "public" ? texts["A client booked an appointment"] : null));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Calendar", "/calendar", Icons.Material.Filled.CalendarMonth, 25, Permission: SchedulingPermissions.Read));
        services.AddScoped<BookingPageData>();
    }
}
