using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Data;
using Portico.Inventory.Contracts;
using Portico.Inventory.Items;
using Portico.Inventory.Locations;
using Portico.Inventory.Stock;
using Portico.Kernel.Modules;

namespace Portico.Inventory;

/// <summary>
/// Parts and materials: items with SKUs, prices and reorder levels, stock per location, an append-only ledger of
/// receipts, reservations for work order stages, releases, consumption, returns and adjustments that never lets stock
/// go negative, low-stock events, a reorder list and item import from CSV/XLSX. Work orders reserve and consume
/// through <see cref="IStockReservations"/>.
/// </summary>
public sealed class InventoryModule : IModule
{
    public string Name => "inventory";

    public IEnumerable<Kernel.Tenancy.PermissionGrant> Permissions => InventoryPermissions.Grants;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<InventoryDbContext>();
        services.AddModuleHandlers(typeof(InventoryModule).Assembly);
        services.AddScoped<StockLedger>();
        services.AddSingleton<ReservationLanes>();
        services.AddScoped<ItemWriter>();
        services.AddScoped<IStockReservations, StockReservations>();
        services.AddScoped<IInventoryItems, InventoryItems>();
        services.AddScoped<IDemoSeeder, Demo.InventoryDemoSeeder>();
        Pages.InventoryPages.Add(services);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var tenants = api.MapTenantGroup().WithTags("Inventory");
        CreateItem.Map(tenants);
        ListItems.Map(tenants);
        GetItem.Map(tenants);
        UpdateItem.Map(tenants);
        ArchiveItem.Map(tenants);
        GetItemStock.Map(tenants);
        ListMovements.Map(tenants);
        RecordMovement.Map(tenants);
        GetReorderList.Map(tenants);
        CreateLocation.Map(tenants);
        ListLocations.Map(tenants);
        UpdateLocation.Map(tenants);
        Imports.ImportItems.Map(tenants);
    }
}
