using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Crm.Records;
using Portico.Kernel.Domain;

namespace Portico.Crm.CustomObjects;

/// <summary>A record type a tenant defined itself (cars, pets, properties…): its fields are custom fields of <c>object:{key}</c>.</summary>
internal sealed class CustomObjectType : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    /// <summary>Lower-case letters, digits and underscores; used in routes (<c>/crm/objects/{key}/records</c>).</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    public required string PluralName { get; set; }

    public string? Description { get; set; }

    public string RecordType => RecordTypes.OfObject(Key);
}

/// <summary>One record of a tenant-defined type: a name, an owner, and its custom field values (relations included).</summary>
internal sealed class CustomRecord : CrmRecord
{
    public Guid ObjectTypeId { get; set; }

    public required string Name { get; set; }

    public Guid? OwnerId { get; set; }

    public override void RefreshSearchText() => SearchText = Records.SearchText.Build([Name]);
}

internal sealed class CustomObjectTypeConfiguration : IEntityTypeConfiguration<CustomObjectType>
{
    public void Configure(EntityTypeBuilder<CustomObjectType> builder)
    {
        builder.ToTable("object_types");
        builder.Property(o => o.Key).HasMaxLength(40);
        builder.Property(o => o.Name).HasMaxLength(100);
        builder.Property(o => o.PluralName).HasMaxLength(100);
        builder.Property(o => o.Description).HasMaxLength(1000);
        builder.Ignore(o => o.RecordType);
        builder.HasIndex(o => new { o.TenantId, o.Key }).IsUnique();
    }
}

internal sealed class CustomRecordConfiguration : IEntityTypeConfiguration<CustomRecord>
{
    public void Configure(EntityTypeBuilder<CustomRecord> builder)
    {
        builder.ToTable("object_records");
        builder.Property(r => r.Name).HasMaxLength(300);
        builder.Property(r => r.SearchText).HasMaxLength(4000);
        builder.HasIndex(r => new { r.TenantId, r.ObjectTypeId, r.CreatedAt, r.Id });
        builder.HasIndex(r => new { r.TenantId, r.ObjectTypeId, r.Name, r.Id });
        builder.HasIndex(r => new { r.TenantId, r.ObjectTypeId, r.UpdatedAt, r.Id });
    }
}
