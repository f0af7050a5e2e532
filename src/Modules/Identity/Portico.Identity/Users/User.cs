using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Identity.Users;

/// <summary>A person who signs in. Platform-wide, not tenant-owned: one person may work in many tenants.</summary>
internal sealed class User : Entity, IAudited
{
    public required string Email { get; set; }

    /// <summary>The lookup key: <see cref="Portico.Kernel.Security.EmailAddresses.LookupKey"/> of the email.</summary>
    public required string NormalizedEmail { get; set; }

    public string FullName { get; set; } = "";

    [AuditSecret]
    public string PasswordHash { get; set; } = "";

    /// <summary>Changes whenever credentials change; sessions issued before a change stop working.</summary>
    [AuditSecret]
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary><c>PlatformAdmin</c>, <c>AccountManager</c> or null for an ordinary user.</summary>
    public string? PlatformRole { get; set; }

    public bool EmailConfirmed { get; set; }

    public string? PhoneNumber { get; set; }

    public bool PhoneNumberConfirmed { get; set; }

    /// <summary><c>en</c> or <c>ru</c>: the language of every email and message to this person.</summary>
    public string Locale { get; set; } = "en";

    public string TimeZone { get; set; } = "UTC";

    public string? AvatarUrl { get; set; }

    public int AccessFailedCount { get; set; }

    public DateTimeOffset? LockoutEnd { get; set; }

    public bool TwoFactorEnabled { get; set; }

    /// <summary>Second factor by email code, offered when no authenticator app is set up or as an alternative.</summary>
    public bool EmailTwoFactorEnabled { get; set; }

    /// <summary>Second factor by SMS code to the confirmed phone number.</summary>
    public bool SmsTwoFactorEnabled { get; set; }

    /// <summary>Base32 TOTP secret; set on setup, active once <see cref="TwoFactorEnabled"/>.</summary>
    [AuditSecret]
    public string? AuthenticatorKey { get; set; }

    /// <summary>SHA-256 hashes of unused recovery codes, separated by ';'.</summary>
    [AuditSecret]
    public string? RecoveryCodeHashes { get; set; }

    Guid? IAudited.AuditTenantId => null;

    /// <summary>The lookup key of an email (one mailbox, one key); a value that is no address keeps a key that matches no account.</summary>
    public static string Normalize(string email) => EmailAddresses.LookupKey(email) ?? email.Trim().ToUpperInvariant();
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
        builder.Property(u => u.PhoneNumber).HasMaxLength(32);
        builder.Property(u => u.Locale).HasMaxLength(10);
        builder.Property(u => u.TimeZone).HasMaxLength(64);
        builder.Property(u => u.AvatarUrl).HasMaxLength(2000);
        builder.Property(u => u.AuthenticatorKey).HasMaxLength(64);
        builder.Property(u => u.RecoveryCodeHashes).HasMaxLength(1000);
    }
}
