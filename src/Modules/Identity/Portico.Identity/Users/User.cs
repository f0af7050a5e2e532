using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Identity.Users;

/// <summary>A person who signs in. Platform-wide, not tenant-owned: one person may work in many tenants.</summary>
internal sealed class User : Entity, IAudited
{
    public required string Email { get; set; }

    /// <summary>Upper-invariant email, the lookup key.</summary>
    public required string NormalizedEmail { get; set; }

    public string FullName { get; set; } = "";

    [AuditSecret]
    public string PasswordHash { get; set; } = "";

    /// <summary>Changes whenever credentials change; carried in tokens so sessions can be revoked when it changes.</summary>
    [AuditSecret]
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary><c>PlatformAdmin</c>, <c>AccountManager</c> or null for an ordinary user.</summary>
    public string? PlatformRole { get; set; }

    public bool EmailConfirmed { get; set; }

    Guid? IAudited.AuditTenantId => null;

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.Property(u => u.Email).HasMaxLength(254);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(254);
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
        builder.Property(u => u.FullName).HasMaxLength(200);
        builder.Property(u => u.PasswordHash).HasMaxLength(500);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);
        builder.Property(u => u.PlatformRole).HasMaxLength(40);
    }
}
