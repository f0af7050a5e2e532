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
        services.AddScoped<SlotFinder>();
        services.AddSingleton<PublicSlotLimits>();
        Appointments.AppointmentServices.Add(services, configuration);
        Pages.SchedulingPages.Add(services);
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
    }
}
