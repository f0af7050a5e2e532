using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Catalog.Categories;
using Portico.Catalog.Contracts;
using Portico.Catalog.Public;
using Portico.Catalog.Services;
using Portico.Data;
using Portico.Kernel.Modules;

namespace Portico.Catalog;

/// <summary>
/// What a business sells by the hour: categories and services with names in the tenant's languages, prices, durations,
/// buffers, deposits, who performs them and what resource they need, a portfolio, and a public catalog for websites.
/// The studio books these services; the workshop's repair services extend them.
/// </summary>
public sealed class CatalogModule : IModule
{
    public string Name => "catalog";

    public IEnumerable<Kernel.Tenancy.PermissionGrant> Permissions => CatalogPermissions.Grants;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CatalogDbContext>();
        services.AddModuleHandlers(typeof(CatalogModule).Assembly);
        services.AddScoped<ServiceWriter>();
        services.AddScoped<CategoryWriter>();
        services.AddSingleton<PublicCatalogCache>();
        services.AddScoped<ICatalogServices, CatalogServices>();
        services.AddScoped<IDemoSeeder, Demo.CatalogDemoSeeder>();
        services.AddScoped<IDemoSeeder, Demo.WorkshopCatalogDemoSeeder>();
        Pages.CatalogPages.Add(services);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        GetPublicCatalog.Map(api);
        var tenants = api.MapTenantGroup().WithTags("Catalog");
        CreateCategory.Map(tenants);
        ListCategories.Map(tenants);
        ReorderCategories.Map(tenants);
        GetCategory.Map(tenants);
        UpdateCategory.Map(tenants);
        DeleteCategory.Map(tenants);
        CreateService.Map(tenants);
        ListServices.Map(tenants);
        GetService.Map(tenants);
        UpdateService.Map(tenants);
        ArchiveService.Map(tenants);
        DeleteService.Map(tenants);
    }
}
