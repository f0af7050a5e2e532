using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Identity.Codes;

/// <summary>What a one-time code or link proves.</summary>
internal static class CodePurpose
{
    public const string VerifyEmail = "verify-email";
    public const string ResetPassword = "reset-password";
    public const string MagicLink = "magic-link";
    public const string SignInEmail = "sign-in-email";
    public const string VerifyPhone = "verify-phone";
    public const string SignInSms = "sign-in-sms";
}

/// <summary>
/// A 6-digit code or a link token sent by email, stored as a SHA-256 only. Single use, short lived,
/// and a few wrong tries burn it.
/// </summary>
internal sealed class OneTimeCode : Entity
{
    public Guid UserId { get; init; }

    public required string Purpose { get; init; }

    public required string CodeHash { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public int FailedAttempts { get; set; }

    public DateTimeOffset? ConsumedAt { get; set; }
}

internal sealed class OneTimeCodeConfiguration : IEntityTypeConfiguration<OneTimeCode>
{
    public void Configure(EntityTypeBuilder<OneTimeCode> builder)
    {
        builder.ToTable("one_time_codes");
        builder.Property(c => c.Purpose).HasMaxLength(40);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.HasIndex(c => new { c.UserId, c.Purpose, c.Id });
        builder.HasIndex(c => c.CodeHash);
    }
}
