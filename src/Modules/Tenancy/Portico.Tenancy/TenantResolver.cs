using Portico.Kernel.Tenancy;

namespace Portico.Tenancy;

internal sealed class TenantResolver(TenancyDbContext db) : ITenantResolver
{
    public async Task<TenantRef?> FindBySlugAsync(string slug, CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking()
            .Where(t => t.Slug == slug && t.DeletedAt == null)
            .Select(t => new TenantRef(t.Id, t.Slug))
            .FirstOrDefaultAsync(cancellationToken);
}
