using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Crm.Contacts;
using Portico.Crm.CustomFields;
using Portico.Crm.Deals;
using Portico.Crm.Exports;
using Portico.Crm.Imports;
using Portico.Crm.Leads;
using Portico.Crm.Pipelines;
using Portico.Crm.Records;
using Portico.Data;
using Portico.Kernel.Modules;
using Portico.Crm.Contracts;

namespace Portico.Crm;

/// <summary>
/// The CRM: contacts, leads and deals on pipelines, activities and timelines, custom fields and objects,
/// duplicates and merging, web forms on any website, and CSV/XLSX import and export.
/// </summary>
public sealed class CrmModule : IModule
{
    public string Name => "crm";

    public IEnumerable<Kernel.Tenancy.PermissionGrant> Permissions => Contracts.CrmPermissions.Grants;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CrmDbContext>();
        services.AddModuleHandlers(typeof(CrmModule).Assembly);
        Forms.FormServices.Add(services, configuration);
        services.AddScoped<CrmAccess>();
        services.AddSingleton<Pipelines.SharedBoardReads>();
        services.AddScoped<CustomFieldValues>();
        services.AddScoped<ContactWriter>();
        services.AddScoped<ContactMatcher>();
        services.AddScoped<ContactUniqueness>();
        services.AddScoped<DefaultPipelines>();
        services.AddScoped<LeadIntake>();
        services.AddScoped<Contracts.ILeadCapture, CaptureLead>();
        services.AddScoped<Contracts.IClientContacts, ClientContacts>();
        services.AddScoped<DealWriter>();
        services.AddScoped<CardMoves>();
        services.AddScoped<ImportContacts>();
        services.AddScoped<ImportLeads>();
        services.AddScoped<ImportWorker>();
        services.AddScoped<RecordDirectory>();
        services.AddScoped<IDemoSeeder, Demo.CrmDemoSeeder>();
        services.AddScoped<IDemoSeeder, Demo.VehicleDemoSeeder>();
        services.AddScoped<Vehicles.VehicleWriter>();
        services.AddScoped<Vehicles.OdometerLog>();
        services.AddScoped<Contracts.IVehicles, Vehicles.VehicleDirectory>();
        Vehicles.VehicleTexts.Add(services);
        Pages.CrmListPages.Add(services);
        Pages.Settings.CrmSettingsPages.Add(services);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var tenants = api.MapTenantGroup().WithTags("CRM");
        Forms.FormEndpoints.Map(api, tenants);
        CreateContact.Map(tenants);
        ListContacts.Map(tenants);
        GetContact.Map(tenants);
        UpdateContact.Map(tenants);
        DeleteContact.Map(tenants);
        CreateLead.Map(tenants);
        ListLeads.Map(tenants);
        GetLead.Map(tenants);
        UpdateLead.Map(tenants);
        DeleteLead.Map(tenants);
        ConvertLead.Map(tenants);
        CreateDeal.Map(tenants);
        ListDeals.Map(tenants);
        GetDeal.Map(tenants);
        UpdateDeal.Map(tenants);
        DeleteDeal.Map(tenants);
        MoveCard.Map(tenants);
        UploadImport.Map(tenants);
        ListImports.Map(tenants);
        GetImport.Map(tenants);
        ChangeImportMapping.Map(tenants);
        DryRunImport.Map(tenants);
        StartImport.Map(tenants);
        ExportRecords.Map(tenants);
        ListDuplicates.Map(tenants);
        MergeContacts.Map(tenants);
        Pipelines.ListPipelines.Map(tenants);
        CreatePipeline.Map(tenants);
        UpdatePipeline.Map(tenants);
        DeletePipeline.Map(tenants);
        GetBoard.Map(tenants);
        Activities.CreateActivity.Map(tenants);
        Activities.ListActivities.Map(tenants);
        Activities.UpdateActivity.Map(tenants);
        Activities.DeleteActivity.Map(tenants);
        Activities.GetTimeline.Map(tenants);
        ListCustomFields.Map(tenants);
        CreateCustomField.Map(tenants);
        UpdateCustomField.Map(tenants);
        ArchiveCustomField.Map(tenants);
        CustomObjects.ObjectTypeEndpoints.Map(tenants);
        CustomObjects.ObjectRecordEndpoints.Map(tenants);
        Settings.SettingsEndpoints.Map(tenants);
        Dashboard.GetDashboard.Map(tenants);
        Vehicles.CreateVehicle.Map(tenants);
        Vehicles.ListVehicles.Map(tenants);
        Vehicles.GetVehicle.Map(tenants);
        Vehicles.UpdateVehicle.Map(tenants);
        Vehicles.ArchiveVehicle.Map(tenants);
        Vehicles.ListContactVehicles.Map(tenants);
        Vehicles.AddOdometerReading.Map(tenants);
        Vehicles.ListOdometerReadings.Map(tenants);
    }
}
