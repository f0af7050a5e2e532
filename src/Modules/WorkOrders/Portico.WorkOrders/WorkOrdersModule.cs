using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Data;
using Portico.Kernel.Modules;
using Portico.WorkOrders.Orders;
using Portico.WorkOrders.RepairServices;
using Portico.WorkOrders.Reports;
using Portico.WorkOrders.Templates;
using Portico.WorkOrders.Work;

namespace Portico.WorkOrders;

/// <summary>
/// The auto-repair workshop: repair services, which extend Catalog services with labour pricing (fixed, or an hourly
/// rate × standard hours) and a VAT rate; their stage templates, ordered chains of stages saved as immutable versions;
/// and work orders built from them: a client's car, the services, the stage chain, parts reserved from the Inventory,
/// the status flow, mechanics and the timeline.
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
        services.AddScoped<WorkOrderAccess>();
        services.AddScoped<OrderJournal>();
        services.AddScoped<PartReservations>();
        services.AddScoped<WorkOrderBuilder>();
        services.AddScoped<WorkOrderFlow>();
        services.AddScoped<WorkOrderReader>();
        services.AddScoped<WorkOrderEditor>();
        services.AddSingleton<TrackingLinks>();
        services.AddScoped<Tracking.PublicWorkshop>();
        services.AddSingleton<Tracking.TrackingLimits>();
        services.AddSingleton<Garage.GarageLinks>();
        services.AddSingleton<Garage.GarageLimits>();
        services.AddScoped<ReportScope>();
        services.AddScoped<Kernel.Modules.IDemoSeeder, Demo.WorkOrdersDemoSeeder>();
        Pages.WorkshopPages.Add(services);
        services.AddScoped<StageWork>();
        services.AddScoped<MechanicQueue>();
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
        AssignWorkOrderMechanic.Map(tenants);
        AssignStageMechanic.Map(tenants);
        ListMyQueue.Map(tenants);
        ListMechanicQueue.Map(tenants);
        StartStage.Map(tenants);
        TickChecklistItem.Map(tenants);
        CompleteStage.Map(tenants);
        CommentOnStage.Map(tenants);
        AttachToStage.Map(tenants);
        DownloadWorkOrderAttachment.Map(tenants);
        AddExtraPart.Map(tenants);
        CreateWorkOrder.Map(tenants);
        ListWorkOrders.Map(tenants);
        ListWorkOrders.MapVehicleHistory(tenants);
        GetWorkOrder.Map(tenants);
        ChangeWorkOrderStatus.Map(tenants);
        ListWorkOrderEntries.Map(tenants);
        EditWorkOrder.Map(tenants);
        Tracking.GetTracking.Map(api);
        Tracking.DecideEstimate.Map(api);
        Garage.GetGarage.Map(api);
        Garage.GetGarageLink.Map(tenants);
        GetOrdersReport.Map(tenants);
        GetRevenueReport.Map(tenants);
        GetMechanicsReport.Map(tenants);
        GetPartsReport.Map(tenants);
        ExportReport.Map(tenants);
        GetWorkOrderDocument.Map(tenants);
    }
}
