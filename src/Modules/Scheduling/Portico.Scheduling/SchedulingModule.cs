using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Data;
using Portico.Kernel.Modules;
using Portico.Scheduling.Contracts;
using Portico.Scheduling.Hours;
using Portico.Scheduling.Resources;
using Portico.Scheduling.Settings;
using Portico.Scheduling.SlotSearch;
using Portico.Scheduling.Staff;

namespace Portico.Scheduling;

/// <summary>
/// The studio's calendar: staff profiles and resources, working hours, breaks, time off and holidays in each person's
/// time zone, slot search over them, appointments that never double-book, their reminders and calendar sync, and the
/// public booking page.
/// </summary>
public sealed class SchedulingModule : IModule
{
    public string Name => "scheduling";

    public IEnumerable<Kernel.Tenancy.PermissionGrant> Permissions => SchedulingPermissions.Grants;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<SchedulingDbContext>();
        services.AddModuleHandlers(typeof(SchedulingModule).Assembly);
        services.AddScoped<StaffMembers>();
        services.AddScoped<IStaffDirectory, StaffDirectory>();
        services.AddScoped<BookingPolicy>();
        services.AddScoped<IDemoSeeder, Demo.SchedulingDemoSeeder>();
        services.AddScoped<SlotFinder>();
        services.AddOptions<SlotCacheOptions>().Bind(configuration.GetSection(SlotCacheOptions.Section))
            .Validate(o => o.SlotCacheSeconds is >= 0 and <= 3600 && o.SlotCacheCapacity > 0, "Portico:Scheduling:SlotCacheSeconds must be 0 to 3600 and SlotCacheCapacity positive.")
            .ValidateOnStart();
        services.AddSingleton<SlotCache>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, SlotCacheInvalidation>();
        services.AddSingleton<PublicSlotLimits>();
        Pages.SchedulingPages.Add(services);
        Appointments.AppointmentServices.Add(services, configuration);
        AddCalendarSync(services, configuration);
        Pages.BookingPages.Add(services);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var tenants = api.MapTenantGroup().WithTags("Scheduling");
        ListStaff.Map(tenants);
        GetStaff.Map(tenants);
        CreateStaff.Map(tenants);
        UpdateStaff.Map(tenants);
        ArchiveStaff.Map(tenants);
        TimeOffApi.Map(tenants);
        ListResources.Map(tenants);
        GetResource.Map(tenants);
        CreateResource.Map(tenants);
        UpdateResource.Map(tenants);
        ArchiveResource.Map(tenants);
        SetWeeklyHours.Map(tenants);
        DateOverrides.Map(tenants);
        Holidays.Map(tenants);
        GetBookingSettings.Map(tenants);
        UpdateBookingSettings.Map(tenants);
        SearchSlots.Map(tenants);
        PublicSlots.Map(api);
        Appointments.AppointmentServices.Map(api, tenants);
        MapCalendarSync(api, tenants);
    }

    /// <summary>Calendar sync: Google and Outlook adapters on the guarded client, the sync job, the appointment writer and the ICS feed.</summary>
    private static void AddCalendarSync(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Calendars.CalendarOptions>().Bind(configuration.GetSection(Calendars.CalendarOptions.Section))
            .Validate(o => !o.Google.IsConfigured || o.Google.HasValidUrls, "Portico:Calendars:Google:AuthUrl, TokenUrl and ApiUrl must be absolute http(s) URLs.")
            .Validate(o => !o.Microsoft.IsConfigured || o.Microsoft.HasValidUrls, "Portico:Calendars:Microsoft:AuthUrl, TokenUrl and ApiUrl must be absolute http(s) URLs.")
            .Validate(o => o.SyncInterval >= TimeSpan.FromSeconds(1) && o.SyncInterval <= TimeSpan.FromDays(1), "Portico:Calendars:SyncInterval must be between 1 second and 1 day.")
            .Validate(o => o.SyncWindow >= TimeSpan.FromDays(1) && o.SyncWindow <= TimeSpan.FromDays(730), "Portico:Calendars:SyncWindow must be between 1 and 730 days.")
            .Validate(o => o.FullSyncEvery >= TimeSpan.FromMinutes(1), "Portico:Calendars:FullSyncEvery must be at least a minute.")
            .Validate(o => o.StateLifetime >= TimeSpan.FromMinutes(1) && o.StateLifetime <= TimeSpan.FromHours(2), "Portico:Calendars:StateLifetime must be between 1 minute and 2 hours.")
            .ValidateOnStart();
        // Tokens travel in headers and form bodies, sync cursors in URLs: the clients log nothing.
        services.AddOutboundHttpClient<Calendars.GoogleCalendarProvider>(OutboundCaller.Provider, TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddOutboundHttpClient<Calendars.MicrosoftGraphProvider>(OutboundCaller.Provider, TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddTransient<Calendars.ICalendarProvider>(sp => sp.GetRequiredService<Calendars.GoogleCalendarProvider>());
        services.AddTransient<Calendars.ICalendarProvider>(sp => sp.GetRequiredService<Calendars.MicrosoftGraphProvider>());
        services.AddTransient<Calendars.CalendarProviderSet>();
        services.AddScoped<Calendars.CalendarTokens>();
        services.AddSingleton<Calendars.CalendarSigner>();
        services.AddScoped<Calendars.CalendarSync>();
        services.AddScoped<Calendars.CalendarWriter>();
        services.AddHostedService<Calendars.CalendarSyncJob>();
    }

    private static void MapCalendarSync(IEndpointRouteBuilder api, RouteGroupBuilder tenants)
    {
        Calendars.ConnectCalendar.Map(tenants);
        Calendars.ListCalendarConnections.Map(tenants);
        Calendars.DisconnectCalendar.Map(tenants);
        Calendars.SyncCalendar.Map(tenants);
        Calendars.GetCalendarFeed.Map(tenants);
        Calendars.RotateCalendarFeed.Map(tenants);
        Calendars.CompleteCalendarConnection.Map(api);
        Calendars.ReadCalendarFeed.Map(api);
    }
}
