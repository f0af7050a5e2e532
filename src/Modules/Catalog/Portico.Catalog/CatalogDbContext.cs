using Portico.Data;
using Portico.Kernel.Tenancy;

namespace Portico.Catalog;

[ModuleSchema("catalog")]
internal sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options, RequestContext request) : ModuleDbContext(options, request)
{
    public bool IsPostgres => Database.IsNpgsql();
}

/// <summary>For <c>dotnet ef migrations add</c>; see scripts/add-migration.sh.</summary>
internal sealed class CatalogDesignTimeFactory : ModuleDesignTimeFactory<CatalogDbContext>;
