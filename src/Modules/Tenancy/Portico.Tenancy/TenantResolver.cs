using Portico.Data.Caching;
using Portico.Kernel.Domain;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Tenancy;

/// <summary>Resolves route tenants to the caller's access, lists a user's memberships, and describes tenants to other modules.</summary>
/// <remarks>
/// Tenants by slug, memberships and profiles are read on nearly every request, so they come from the
/// <see cref="ContextCache"/>; saving a tenant or a membership evicts them (see <see cref="IContextCached"/>).
/// </remarks>
internal sealed class TenantResolver(TenancyDbContext db, RequestContext context, ContextCache cache, PermissionCatalog permissions)
    : ITenantAccessResolver, IMembershipDirectory, ITenantStatistics, ITenantDirectory, ITenantProfiles
{
    /// <summary>An undeleted tenant, as requests resolve it.</summary>
    private sealed record LiveTenant(Guid Id, string Slug, bool Suspended);

    private async Task<LiveTenant?> LiveTenantAsync(string slug, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(ContextCacheKeys.TenantBySlug(slug), (db, slug), static async (state, ct) => new Cached<LiveTenant>(
            await state.db.Tenants.AsNoTracking()
                .Where(t => t.Slug == state.slug && t.DeletedAt == null)
                .Select(t => new LiveTenant(t.Id, t.Slug, t.SuspendedAt != null))
                .FirstOrDefaultAsync(ct)), cancellationToken)).Value;

    public async Task<TenantRef?> FindBySlugAsync(string slug, CancellationToken cancellationToken) =>
        await LiveTenantAsync(slug, cancellationToken) is { Suspended: false } tenant ? new TenantRef(tenant.Id, tenant.Slug) : null;

    public async Task<TenantAccess?> ResolveAsync(string slug, Guid userId, bool platformAdmin, CancellationToken cancellationToken)
    {
        var tenant = await LiveTenantAsync(slug, cancellationToken);
        if (tenant is null)
        {
            return null;
        }

        var role = (await cache.GetOrCreateAsync(ContextCacheKeys.Membership(tenant.Id, userId), (db, tenant.Id, userId), static async (state, ct) => new Cached<string>(
            await state.db.Memberships.AsNoTracking()
                .Where(m => m.TenantId == state.Id && m.UserId == state.userId)
                .Select(m => m.Role)
                .FirstOrDefaultAsync(ct)), cancellationToken)).Value;

        // Platform administrators support every tenant with an owner's reach, and may enter a suspended one.
        return role is not null ? new TenantAccess(tenant.Id, tenant.Slug, role, tenant.Suspended, permissions.For(role))
            : platformAdmin ? new TenantAccess(tenant.Id, tenant.Slug, Roles.Owner, Suspended: false, permissions.For(Roles.Owner))
            : null;
    }

    public async Task<IReadOnlyList<MembershipInfo>> ListForUserAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Tenants.Where(t => t.DeletedAt == null), m => m.TenantId, t => t.Id, (m, t) => new { t.Id, t.Slug, t.Name, m.Role })
            .OrderBy(m => m.Slug)
            .Select(m => new MembershipInfo(m.Id, m.Slug, m.Name, m.Role))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> SoleOwnershipsAsync(Guid userId, CancellationToken cancellationToken)
    {
        // Needs the other owners of the user's tenants, which row-level security hides from the user.
        context.EnterPlatformScope();
        return await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.Role == Roles.Owner)
            .Where(m => !db.Memberships.Any(o => o.TenantId == m.TenantId && o.UserId != userId && o.Role == Roles.Owner))
            .Join(db.Tenants.Where(t => t.DeletedAt == null), m => m.TenantId, t => t.Id, (m, t) => t.Slug)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TenantMember>> ListMembersAsync(Guid tenantId, IReadOnlyCollection<string>? roles, CancellationToken cancellationToken) =>
        await db.Memberships.AsNoTracking()
            .Where(m => m.TenantId == tenantId && (roles == null || roles.Count == 0 || roles.Contains(m.Role)))
            .OrderBy(m => m.UserId)
            .Select(m => new TenantMember(m.UserId, m.Role))
            .ToListAsync(cancellationToken);

    public async Task RemoveAllForUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        // Loaded, not bulk-deleted, so each removal is audited in its tenant's log.
        db.Memberships.RemoveRange(await db.Memberships.Where(m => m.UserId == userId).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountByVerticalAsync(CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking()
            .Where(t => t.DeletedAt == null)
            .GroupBy(t => t.Vertical)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    // Tenants are not tenant-owned (no query filter, no row-level security), so this reads the same
    // with or without a request tenant: from background work and event handlers too.
    public async Task<TenantProfile?> FindAsync(Guid tenantId, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(ContextCacheKeys.TenantProfile(tenantId), (db, tenantId), static async (state, ct) => new Cached<TenantProfile>(
            await state.db.Tenants.AsNoTracking()
                .Where(t => t.Id == state.tenantId && t.DeletedAt == null)
                .Select(t => new TenantProfile(t.Id, t.Slug, t.Name, t.Vertical, t.Locale, t.Currency, t.TimeZone, t.Country, t.SuspendedAt != null, t.BrandColor))
                .FirstOrDefaultAsync(ct)), cancellationToken)).Value;
}
