using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portico.Data.Events;
using Portico.Data.Idempotency;
using Portico.Kernel.Tenancy;

namespace Portico.Data;

/// <summary>
/// Tables of the platform's own infrastructure (not of any business module): stored responses
/// for <c>Idempotency-Key</c>, the integration event log with its readers' checkpoints (ADR 0007), and the
/// Data Protection keys that encrypt stored secrets (<c>data_protection_keys</c>, each key's XML itself encrypted
/// with the key-encryption key). Migrated like a module, under the <c>platform</c> schema.
/// </summary>
[ModuleSchema("platform")]
public sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options, RequestContext request) : ModuleDbContext(options, request), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<EventLogRow> EventLog => Set<EventLogRow>();

    public DbSet<EventCheckpoint> EventCheckpoints => Set<EventCheckpoint>();

    public DbSet<ParkedEvent> ParkedEvents => Set<ParkedEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        var tx = modelBuilder.Entity<EventLogRow>().Property(e => e.Tx);
        if (Database.IsNpgsql())
        {
            tx.HasDefaultValueSql(EventLogSql.PostgresTxDefault);
        }
        else
        {
            tx.HasDefaultValue(0L);
        }
    }
}

internal sealed class PlatformDesignTimeFactory : ModuleDesignTimeFactory<PlatformDbContext>;
