using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Crm.Forms;

/// <summary>
/// A started token that a submission has used: a token is good for one submission. Saved in the same transaction as
/// the submission's lead, so a submission that fails (a missing field) leaves the token usable, and two submissions
/// racing with one token meet at the unique index: one lead, the other refused. Kept until the token would have
/// expired anyway.
/// </summary>
internal sealed class SpentStartedToken : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid FormId { get; set; }

    /// <summary>The token's signature (base64url HMAC): unique per token, and nothing a visitor sent as text.</summary>
    public required string Signature { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class SpentStartedTokenConfiguration : IEntityTypeConfiguration<SpentStartedToken>
{
    public void Configure(EntityTypeBuilder<SpentStartedToken> builder)
    {
        builder.ToTable("spent_started_tokens");
        builder.Property(t => t.Signature).HasMaxLength(64);
        builder.HasIndex(t => t.Signature).IsUnique();
        builder.HasIndex(t => new { t.TenantId, t.ExpiresAt });
    }
}
