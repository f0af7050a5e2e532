using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portico.Data.Auditing;

/// <summary>
/// One change to an audited record. Every module keeps its audit rows in its own schema
/// (table <c>audit_log</c>), written by its own SaveChanges, so the row commits or rolls back
/// with the change it describes. <see cref="AuditLogReader"/> merges the modules' logs.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; }

    public Guid? TenantId { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public required string Actor { get; init; }

    public required string EntityType { get; init; }

    public Guid EntityId { get; init; }

    /// <summary><c>created</c>, <c>updated</c> or <c>deleted</c>.</summary>
    public required string Action { get; init; }

    /// <summary>JSON object: field name → <c>{"old": …, "new": …}</c>. Secret fields appear with <c>"redacted": true</c> only.</summary>
    public required string Changes { get; init; }

    public string? TraceId { get; init; }

    internal static void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.EntityType).HasMaxLength(100);
        builder.Property(e => e.Action).HasMaxLength(20);
        builder.Property(e => e.TraceId).HasMaxLength(64);
        builder.HasIndex(e => new { e.TenantId, e.Id });
        builder.HasIndex(e => new { e.EntityType, e.EntityId, e.Id });
    }
}
