using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Tenancy.Tenants;

/// <summary>A business using Portico: a salon portal, a workshop, a company inbox, a bot workspace, a casino.</summary>
internal sealed class Tenant : Entity, IAudited, IContextCached
{
    IEnumerable<string> IContextCached.ContextCacheKeys =>
        [Portico.Data.Caching.ContextCacheKeys.TenantBySlug(Slug), Portico.Data.Caching.ContextCacheKeys.TenantProfile(Id)];

    public static readonly string[] Verticals = ["studio", "workshop", "omnichannel", "bots", "gaming", "generic"];

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public required string Vertical { get; set; }

    public string TimeZone { get; set; } = "UTC";

    public string Currency { get; set; } = "EUR";

    public string Locale { get; set; } = "en";

    /// <summary>ISO 3166-1 alpha-2 code, uppercase (<c>RU</c>, <c>DE</c>); other modules read it for phone numbers.</summary>
    public string? Country { get; set; }

    /// <summary>Hex colour of the tenant's brand, e.g. <c>#7B61FF</c>.</summary>
    public string? BrandColor { get; set; }

    public string? LogoUrl { get; set; }

    /// <summary>GDPR: how long personal data of former clients is kept (null: as long as needed).</summary>
    public int? DataRetentionDays { get; set; }

    /// <summary>GDPR: the data protection officer's contact.</summary>
    public string? DpoContact { get; set; }

    /// <summary>The platform's account manager looking after this tenant, if any.</summary>
    public Guid? ManagerId { get; set; }

    /// <summary>Set by platform administrators; a suspended tenant answers 403 on every route.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    /// <summary>Set by a delete; the tenant disappears at once and is purged after the grace period.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    Guid? IAudited.AuditTenantId => Id;
}

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("tenants");
        builder.Property(t => t.Slug).HasMaxLength(40);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Vertical).HasMaxLength(20);
        builder.Property(t => t.TimeZone).HasMaxLength(64);
        builder.Property(t => t.Currency).HasMaxLength(3);
        builder.Property(t => t.Locale).HasMaxLength(10);
        builder.Property(t => t.Country).HasMaxLength(2);
        builder.HasIndex(t => new { t.Name, t.Id });
        builder.HasIndex(t => new { t.CreatedAt, t.Id });
        builder.Property(t => t.BrandColor).HasMaxLength(7);
        builder.Property(t => t.LogoUrl).HasMaxLength(2000);
        builder.Property(t => t.DpoContact).HasMaxLength(200);
        builder.HasIndex(t => t.ManagerId);
    }
}
