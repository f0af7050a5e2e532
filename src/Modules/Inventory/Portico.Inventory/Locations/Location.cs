using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Inventory.Locations;

/// <summary>Where stock lies: a warehouse, a room, a shelf ("Склад / Стеллаж 3").</summary>
internal sealed class Location : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    public string Name { get; set; } = "";

    public DateTimeOffset? ArchivedAt { get; set; }
}

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> builder)
    {
        builder.ToTable("locations");
        builder.Property(l => l.Name).HasMaxLength(Items.InventoryLimits.LocationName);
        builder.HasIndex(l => new { l.TenantId, l.CreatedAt, l.Id });
    }
}
