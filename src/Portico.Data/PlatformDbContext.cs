using Microsoft.EntityFrameworkCore;
using Portico.Data.Idempotency;
using Portico.Kernel.Tenancy;

namespace Portico.Data;

/// <summary>
/// Tables of the platform's own infrastructure (not of any business module): stored responses
/// for <c>Idempotency-Key</c>. Migrated like a module, under the <c>platform</c> schema.
/// </summary>
[ModuleSchema("platform")]
public sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options, RequestContext request) : ModuleDbContext(options, request)
{
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
}

internal sealed class PlatformDesignTimeFactory : ModuleDesignTimeFactory<PlatformDbContext>;
