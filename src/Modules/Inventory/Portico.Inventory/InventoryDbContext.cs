using Portico.Data;
using Portico.Inventory.Items;
using Portico.Inventory.Locations;
using Portico.Inventory.Stock;
using Portico.Kernel.Tenancy;

namespace Portico.Inventory;

[ModuleSchema("inventory")]
internal sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options, RequestContext request) : ModuleDbContext(options, request)
{
    public DbSet<Item> Items => Set<Item>();

    public DbSet<Location> Locations => Set<Location>();

    public DbSet<StockLevel> Stock => Set<StockLevel>();

    public DbSet<StockMovement> Movements => Set<StockMovement>();

    public DbSet<Reservation> Reservations => Set<Reservation>();

    /// <summary>The current tenant's item; another tenant's id is a 404 like an unknown one.</summary>
    public async Task<Item> FindItemAsync(Guid id, CancellationToken cancellationToken) =>
        await Items.FirstOrDefaultAsync(i => i.Id == id, cancellationToken) ?? throw new NotFoundException("Item", id);

    /// <summary>The current tenant's location; another tenant's id is a 404 like an unknown one.</summary>
    public async Task<Location> FindLocationAsync(Guid id, CancellationToken cancellationToken) =>
        await Locations.FirstOrDefaultAsync(l => l.Id == id, cancellationToken) ?? throw new NotFoundException("Location", id);
}

/// <summary>For <c>dotnet ef migrations add</c>; see scripts/add-migration.sh.</summary>
internal sealed class InventoryDesignTimeFactory : ModuleDesignTimeFactory<InventoryDbContext>;
