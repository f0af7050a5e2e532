using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Notifications.Push;

/// <summary>A browser's Web Push subscription for a user (from <c>PushManager.subscribe</c>): where to post and the keys to encrypt for.</summary>
internal sealed class PushSubscription : Entity
{
    public Guid UserId { get; set; }

    public required string Endpoint { get; init; }

    /// <summary>The browser's P-256 public key, base64url.</summary>
    public required string P256dh { get; set; }

    /// <summary>The 16-byte authentication secret, base64url.</summary>
    public required string Auth { get; set; }
}

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> builder)
    {
        builder.ToTable("push_subscriptions");
        builder.Property(s => s.Endpoint).HasMaxLength(2000);
        builder.Property(s => s.P256dh).HasMaxLength(200);
        builder.Property(s => s.Auth).HasMaxLength(100);
        builder.HasIndex(s => s.Endpoint).IsUnique();
        builder.HasIndex(s => s.UserId);
    }
}
