using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var tenants = api.MapTenantGroup().WithTags("Catalog");
    }
}
