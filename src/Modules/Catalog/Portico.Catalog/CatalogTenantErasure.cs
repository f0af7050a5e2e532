using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Data.Events;

namespace Portico.Catalog;

/// <summary>The Catalog's share of a tenant purge: categories, services, their staff and portfolio rows (the pictures themselves are the Files module's).</summary>
internal sealed class CatalogTenantErasure(IServiceScopeFactory scopes, ILogger<CatalogTenantErasure> logger)
    : TenantErasureSubscriber<CatalogDbContext>(scopes, logger)
{
    public override string Name => "catalog.tenant-erasure";
}
