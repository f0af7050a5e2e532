using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Files.Contracts;
using Portico.Kernel.Domain;

namespace Portico.Files;

/// <summary>A file of a tenant: where its bytes are kept and what they are. The bytes live in storage, not here.</summary>
internal sealed class StoredFile : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    /// <summary>The storage key, <c>{tenantId}/{yyyy}/{MM}/{fileId}</c>: made of ids only, never of the name.</summary>
    public required string Key { get; set; }

    /// <summary>The name given at upload, cleaned; shown and used as the download name only.</summary>
    public required string FileName { get; set; }

    /// <summary>Sniffed from the content at upload.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Lowercase hex SHA-256 of the content.</summary>
    public required string Sha256 { get; set; }

    public required string Purpose { get; set; }

    public Guid? UploadedBy { get; set; }

    public StoredFileInfo ToInfo() => new(Id, FileName, ContentType, Size, Sha256, Purpose, UploadedBy, CreatedAt, Version);

    /// <summary>A key that sorts a tenant's files by month; built from ids and the clock only.</summary>
    public static string KeyFor(Guid tenantId, Guid fileId, DateTimeOffset at) =>
        FormattableString.Invariant($"{tenantId:D}/{at.UtcDateTime:yyyy}/{at.UtcDateTime:MM}/{fileId:D}");
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public const int MaxFileNameLength = 255;
    public const int MaxPurposeLength = 40;

    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.ToTable("stored_files");
        builder.Property(f => f.Key).HasMaxLength(120);
        builder.HasIndex(f => f.Key).IsUnique();
        builder.Property(f => f.FileName).HasMaxLength(MaxFileNameLength);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(f => f.Purpose).HasMaxLength(MaxPurposeLength);
        builder.HasIndex(f => new { f.TenantId, f.CreatedAt, f.Id });
        builder.HasIndex(f => new { f.TenantId, f.Purpose });
    }
}
