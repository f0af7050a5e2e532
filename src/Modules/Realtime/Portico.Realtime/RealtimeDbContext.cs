using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Data;
using Portico.Kernel.Domain;
using Portico.Kernel.Tenancy;

namespace Portico.Realtime;

[ModuleSchema("realtime")]
internal sealed class RealtimeDbContext(DbContextOptions<RealtimeDbContext> options, RequestContext request) : ModuleDbContext(options, request)
{
    public DbSet<StreamedEvent> Events => Set<StreamedEvent>();
}

/// <summary>For <c>dotnet ef migrations add</c>; see scripts/add-migration.sh.</summary>
internal sealed class RealtimeDesignTimeFactory : ModuleDesignTimeFactory<RealtimeDbContext>;

/// <summary>
/// One event in a tenant's stream, kept for the retention window so a client that reconnects with
/// <c>Last-Event-ID</c> gets what it missed. The id is the integration event's id (one row per event,
/// however often the bus delivers it); the position orders the tenant's stream by commit.
/// </summary>
internal sealed class StreamedEvent : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public long Position { get; set; }

    public required string Type { get; init; }

    public required string Name { get; init; }

    /// <summary>Scoped rooms (<c>order:{id}</c>), space separated.</summary>
    public string Rooms { get; init; } = "";

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The client-facing JSON payload: <c>{id, type, occurredAt, data}</c>.</summary>
    public required string Payload { get; init; }
}

internal sealed class StreamedEventConfiguration : IEntityTypeConfiguration<StreamedEvent>
{
    public void Configure(EntityTypeBuilder<StreamedEvent> builder)
    {
        builder.ToTable("streamed_events");
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.Name).HasMaxLength(100);
        builder.Property(e => e.Rooms).HasMaxLength(2000);
        // Unique per tenant: two writers that pick the same next position cannot both commit, so
        // positions follow commit order and a resuming reader never skips a late commit.
        builder.HasIndex(e => new { e.TenantId, e.Position }).IsUnique();
        builder.HasIndex(e => e.CreatedAt);
    }
}
