using Portico.Data;
using Portico.Identity.Users;
using Portico.Kernel.Tenancy;

namespace Portico.Identity;

[ModuleSchema("identity")]
internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options, RequestContext request) : ModuleDbContext(options, request)
{
    public DbSet<User> Users => Set<User>();
}

/// <summary>For <c>dotnet ef migrations add</c>; see scripts/add-migration.sh.</summary>
internal sealed class IdentityDesignTimeFactory : ModuleDesignTimeFactory<IdentityDbContext>;
