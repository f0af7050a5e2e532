using Portico.Data;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Tenants;

namespace Portico.Tenancy;

[ModuleSchema("tenancy")]
internal sealed class TenancyDbContext(DbContextOptions<TenancyDbContext> options, RequestContext request) : ModuleDbContext(options, request)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<Members.Membership> Memberships => Set<Members.Membership>();

    public DbSet<Members.Invitation> Invitations => Set<Members.Invitation>();
}

/// <summary>For <c>dotnet ef migrations add</c>; see scripts/add-migration.sh.</summary>
internal sealed class TenancyDesignTimeFactory : ModuleDesignTimeFactory<TenancyDbContext>;
