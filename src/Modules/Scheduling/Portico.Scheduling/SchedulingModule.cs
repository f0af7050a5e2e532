using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Data;
using Portico.Kernel.Modules;

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
        Appointments.AppointmentServices.Add(services, configuration);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var tenants = api.MapTenantGroup().WithTags("Scheduling");
        Appointments.AppointmentServices.Map(api, tenants);
    }
}
