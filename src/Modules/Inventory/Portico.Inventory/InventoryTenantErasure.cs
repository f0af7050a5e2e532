using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Data.Events;

namespace Portico.Inventory;

/// <summary>The Inventory's share of a tenant purge: items, locations, stock, reservations and the movement ledger.</summary>
internal sealed class InventoryTenantErasure(IServiceScopeFactory scopes, ILogger<InventoryTenantErasure> logger)
    : TenantErasureSubscriber<InventoryDbContext>(scopes, logger)
{
    public override string Name => "inventory.tenant-erasure";
}
