using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Identity.Sessions;

/// <summary>
/// One sign-in on one device: the family of every refresh token descended from that login.
/// Revoking it ends the device's access at the next request, even with a live access token.
/// </summary>
internal sealed class Session : Entity, IAudited, IContextCached
{
    IEnumerable<string> IContextCached.ContextCacheKeys => [Portico.Data.Caching.ContextCacheKeys.Session(Id)];

    Guid? IAudited.AuditTenantId => null;

    public Guid UserId { get; init; }

    public required string Method { get; init; }

    public string? UserAgent { get; init; }

    public string? IpAddress { get; init; }

    public DateTimeOffset LastUsedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}

/// <summary>A refresh token, stored as its SHA-256 only. Used once; a second use betrays theft.</summary>
internal sealed class RefreshToken : Entity
{
    public Guid SessionId { get; init; }

    public required string TokenHash { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>, IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("sessions");
        builder.Property(s => s.Method).HasMaxLength(40);
        builder.Property(s => s.UserAgent).HasMaxLength(500);
        builder.Property(s => s.IpAddress).HasMaxLength(64);
        builder.Property(s => s.RevokedReason).HasMaxLength(100);
        builder.HasIndex(s => new { s.UserId, s.Id });
    }

    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.SessionId);
    }
}
