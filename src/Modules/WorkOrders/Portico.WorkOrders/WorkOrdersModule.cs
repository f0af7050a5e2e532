using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Data;
using Portico.Kernel.Modules;
using Portico.WorkOrders.RepairServices;
using Portico.WorkOrders.Templates;

namespace Portico.WorkOrders;

/// <summary>
/// The auto-repair workshop. Today: repair services, which extend Catalog services with labour pricing (fixed, or an
/// hourly rate × standard hours) and a VAT rate, and their stage templates, ordered chains of stages saved as immutable
/// versions that work orders will copy.
/// </summary>
public sealed class WorkOrdersModule : IModule
{
    public string Name => "workorders";

    public IEnumerable<Kernel.Tenancy.PermissionGrant> Permissions => WorkOrdersPermissions.Grants;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<WorkOrdersDbContext>();
        services.AddModuleHandlers(typeof(WorkOrdersModule).Assembly);
        services.AddScoped<RepairServiceWriter>();
        services.AddScoped<StageChains>();
        Pages.WorkshopPages.Add(services);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var tenants = api.MapTenantGroup().WithTags("Workshop");
        CreateRepairService.Map(tenants);
        ListRepairServices.Map(tenants);
        GetRepairService.Map(tenants);
        UpdateRepairService.Map(tenants);
        GetStageTemplate.Map(tenants);
        SaveStageTemplate.Map(tenants);
        MoveTemplateStage.Map(tenants);
        ListStageTemplateVersions.Map(tenants);
        GetStageTemplateVersion.Map(tenants);
    }
}
