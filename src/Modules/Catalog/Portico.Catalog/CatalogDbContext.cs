using Portico.Catalog.Categories;
using Portico.Catalog.Services;
using Portico.Data;
using Portico.Kernel.Tenancy;

namespace Portico.Catalog;

[ModuleSchema("catalog")]
internal sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options, RequestContext request) : ModuleDbContext(options, request)
{
    public DbSet<Category> Categories => Set<Category>();

    public DbSet<Service> Services => Set<Service>();

    public DbSet<ServiceStaffMember> ServiceStaff => Set<ServiceStaffMember>();

    public DbSet<PortfolioImage> PortfolioImages => Set<PortfolioImage>();

    public bool IsPostgres => Database.IsNpgsql();

    /// <summary>The current tenant's category; another tenant's id is a 404 like an unknown one.</summary>
    public async Task<Category> FindCategoryAsync(Guid id, CancellationToken cancellationToken) =>
        await Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("Category", id);

    /// <summary>The current tenant's service; another tenant's id is a 404 like an unknown one.</summary>
    public async Task<Service> FindServiceAsync(Guid id, CancellationToken cancellationToken) =>
        await Services.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("Service", id);
}

/// <summary>For <c>dotnet ef migrations add</c>; see scripts/add-migration.sh.</summary>
internal sealed class CatalogDesignTimeFactory : ModuleDesignTimeFactory<CatalogDbContext>;
