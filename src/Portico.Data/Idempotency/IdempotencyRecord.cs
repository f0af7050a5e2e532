using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Data.Idempotency;

/// <summary>The first response to a request carrying an <c>Idempotency-Key</c>, replayed for retries.</summary>
public sealed class IdempotencyRecord : Entity
{
    /// <summary>SHA-256 of who asked (actor, or address when anonymous), the method and path, and the key; hex.</summary>
    public required string Scope { get; init; }

    /// <summary>SHA-256 of method, path, query and body; a retry with another body is refused.</summary>
    public required string RequestHash { get; init; }

    public bool Completed { get; set; }

    public int StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    /// <summary>The answer's body, encrypted (<c>SecretPurposes.IdempotentResponse</c>): it may hold a tenant's personal data.</summary>
    public byte[]? Body { get; set; }

    public DateTimeOffset ExpiresAt { get; init; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.Property(r => r.Scope).HasMaxLength(64);
        builder.HasIndex(r => r.Scope).IsUnique();
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(2000);
        builder.Property(r => r.ETag).HasMaxLength(100);
        builder.HasIndex(r => r.ExpiresAt);
    }
}
