using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Identity.External;

/// <summary>An account at an outside provider (Telegram, Google, …) linked to a Portico user.</summary>
internal sealed class ExternalLogin : Entity, IAudited
{
    public required string Provider { get; init; }

    public required string ProviderKey { get; init; }

    public Guid UserId { get; init; }

    public string? DisplayName { get; set; }

    Guid? IAudited.AuditTenantId => null;
}

internal sealed class ExternalLoginConfiguration : IEntityTypeConfiguration<ExternalLogin>
{
    public void Configure(EntityTypeBuilder<ExternalLogin> builder)
    {
        builder.ToTable("external_logins");
        builder.Property(e => e.Provider).HasMaxLength(40);
        builder.Property(e => e.ProviderKey).HasMaxLength(200);
        builder.Property(e => e.DisplayName).HasMaxLength(200);
        builder.HasIndex(e => new { e.Provider, e.ProviderKey }).IsUnique();
        builder.HasIndex(e => e.UserId);
    }
}
