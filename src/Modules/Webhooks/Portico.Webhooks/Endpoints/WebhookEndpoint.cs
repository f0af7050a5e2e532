using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Webhooks.Endpoints;

/// <summary>A tenant's HTTPS address that receives the events it subscribed to, signed with its secret.</summary>
internal sealed class WebhookEndpoint : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    public required string Url { get; set; }

    public string? Description { get; set; }

    /// <summary>Event type names (<c>member.joined</c>, <c>custom.order-paid</c>) or <c>*</c> for every event.</summary>
    public string[] EventTypes { get; set; } = [];

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The signing secret (<c>whsec_…</c>), encrypted at rest (<see cref="EndpointSecrets"/>): not hashed, because
    /// every delivery is signed with it. Never in the audit log; shown to the tenant only when created or rotated.
    /// </summary>
    [AuditSecret]
    public required string Secret { get; set; }

    /// <summary>After a rotation, the old secret (encrypted too) also signs deliveries until <see cref="PreviousSecretExpiresAt"/>, so receivers can switch over.</summary>
    [AuditSecret]
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    /// <summary>When the endpoint was last turned on (at creation, or re-enabled); failures before it do not count towards disabling it again.</summary>
    public DateTimeOffset? EnabledAt { get; set; }

    /// <summary>When the endpoint was turned off, by a member or by the platform because it kept failing; null while enabled.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>Why it was turned off; for an automatic disable, the failure streak and the last error.</summary>
    public string? DisabledReason { get; set; }

    public void Enable(DateTimeOffset now)
    {
        Enabled = true;
        EnabledAt = now;
        DisabledAt = null;
        DisabledReason = null;
    }

    public void Disable(DateTimeOffset now, string reason)
    {
        Enabled = false;
        DisabledAt = now;
        DisabledReason = reason;
    }

    public bool Subscribes(string eventType) => EventTypes.Contains("*") || EventTypes.Contains(eventType);

    /// <summary>The secrets a delivery at <paramref name="now"/> is signed with: the current one, and the previous one during its grace period.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now, SecretProtector secrets) =>
        (PreviousSecret is not null && PreviousSecretExpiresAt > now ? [Secret, PreviousSecret] : new[] { Secret })
            .Select(stored => secrets.Reveal(EndpointSecrets.Purpose, stored)!)
            .ToList();
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("endpoints");
        builder.Property(e => e.Url).HasMaxLength(EndpointRules.MaxUrlLength);
        builder.Property(e => e.Description).HasMaxLength(EndpointRules.MaxDescriptionLength);
        // Event names hold no spaces (EventCatalog), so a space-separated list is a faithful, readable column.
        builder.Property(e => e.EventTypes)
            .HasConversion(v => string.Join(' ', v), v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Metadata.SetValueComparer(new ValueComparer<string[]>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))), v => v.ToArray()));
        // Room for the ciphertext.
        builder.Property(e => e.Secret).HasMaxLength(500);
        builder.Property(e => e.PreviousSecret).HasMaxLength(500);
        builder.Property(e => e.DisabledReason).HasMaxLength(500);
        builder.HasIndex(e => new { e.TenantId, e.CreatedAt, e.Id });
    }
}
