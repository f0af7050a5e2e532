using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Tenancy.Members;

/// <summary>
/// A user's role in a tenant. A link between the platform-wide user and a tenant, read before the
/// tenant is known (to resolve access), so it is filtered by explicit tenant conditions, not by the
/// tenant query filter.
/// </summary>
internal sealed class Membership : Entity, IAudited, IContextCached
{
    IEnumerable<string> IContextCached.ContextCacheKeys => [Portico.Data.Caching.ContextCacheKeys.Membership(TenantId, UserId)];

    public Guid TenantId { get; init; }

    public Guid UserId { get; init; }

    public required string Role { get; set; }

    Guid? IAudited.AuditTenantId => TenantId;
}

/// <summary>An emailed, single-use invitation to join a tenant with a role; valid 7 days.</summary>
internal sealed class Invitation : Entity, IAudited
{
    public Guid TenantId { get; init; }

    public required string Email { get; init; }

    public required string Role { get; init; }

    [AuditSecret]
    public required string TokenHash { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public Guid InvitedBy { get; init; }

    public DateTimeOffset? AcceptedAt { get; set; }

    Guid? IAudited.AuditTenantId => TenantId;
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>, IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("memberships");
        builder.HasAnnotation(Portico.Data.ModuleDbContext.TenantLinkAnnotation, true);
        builder.HasAnnotation(Portico.Data.ModuleDbContext.UserColumnAnnotation, nameof(Membership.UserId));
        builder.Property(m => m.Role).HasMaxLength(20);
        builder.HasIndex(m => new { m.TenantId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
    }

    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitations");
        builder.HasAnnotation(Portico.Data.ModuleDbContext.TenantLinkAnnotation, true);
        builder.Property(i => i.Email).HasMaxLength(254);
        builder.Property(i => i.Role).HasMaxLength(20);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.TenantId, i.Id });
    }
}
