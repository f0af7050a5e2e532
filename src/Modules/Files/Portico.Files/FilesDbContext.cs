using Portico.Data;
using Portico.Kernel.Tenancy;

namespace Portico.Files;

[ModuleSchema("files")]
internal sealed class FilesDbContext(DbContextOptions<FilesDbContext> options, RequestContext request) : ModuleDbContext(options, request)
{
    public DbSet<StoredFile> Files => Set<StoredFile>();
}

/// <summary>For <c>dotnet ef migrations add</c>; see scripts/add-migration.sh.</summary>
internal sealed class FilesDesignTimeFactory : ModuleDesignTimeFactory<FilesDbContext>;
