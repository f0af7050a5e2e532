using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Inventory.Items;
using Portico.Kernel.Domain;

namespace Portico.Inventory.Stock;

/// <summary>An item's stock at one location: on hand and reserved (thousandths); available = on hand − reserved. Changed only by conditional UPDATEs of the ledger.</summary>
internal sealed class StockLevel : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid ItemId { get; set; }

    public Guid LocationId { get; set; }

    public long OnHandMilli { get; set; }

    public long ReservedMilli { get; set; }
}

/// <summary>One line of the append-only ledger: what moved, where, how much, why, for what, who and when.</summary>
internal sealed class StockMovement : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid ItemId { get; set; }

    public Guid LocationId { get; set; }

    /// <summary><see cref="MovementKinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The quantity moved, thousandths; positive (an adjustment's sign is in <see cref="OnHandDeltaMilli"/>).</summary>
    public long QuantityMilli { get; set; }

    public long OnHandDeltaMilli { get; set; }

    public long ReservedDeltaMilli { get; set; }

    public string? Reason { get; set; }

    public string? ReferenceOrder { get; set; }

    public string? ReferenceStage { get; set; }

    public Guid? ReservationId { get; set; }

    /// <summary>Who: <c>user:{id}</c> or a system actor.</summary>
    public string Actor { get; set; } = "";
}

/// <summary>Stock held for a work order's stage until it is released or consumed.</summary>
internal sealed class Reservation : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid ItemId { get; set; }

    public Guid LocationId { get; set; }

    public string ReferenceOrder { get; set; } = "";

    public string? ReferenceStage { get; set; }

    public long QuantityMilli { get; set; }

    /// <summary>What is still reserved (neither released nor consumed), thousandths.</summary>
    public long OpenMilli { get; set; }
}

internal static class MovementKinds
{
    public const string Receipt = "receipt";
    public const string Reservation = "reservation";
    public const string Release = "release";
    public const string Consumption = "consumption";
    public const string Return = "return";
    public const string Adjustment = "adjustment";

    public static readonly string[] All = [Receipt, Reservation, Release, Consumption, Return, Adjustment];
}

internal sealed class StockLevelConfiguration : IEntityTypeConfiguration<StockLevel>
{
    public void Configure(EntityTypeBuilder<StockLevel> builder)
    {
        builder.ToTable("stock");
        builder.HasIndex(s => new { s.TenantId, s.ItemId, s.LocationId }).IsUnique();
        builder.HasIndex(s => new { s.TenantId, s.LocationId });
    }
}

internal sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> builder)
    {
        builder.ToTable("movements");
        builder.Property(m => m.Kind).HasMaxLength(20);
        builder.Property(m => m.Reason).HasMaxLength(InventoryLimits.Reason);
        builder.Property(m => m.ReferenceOrder).HasMaxLength(InventoryLimits.Reference);
        builder.Property(m => m.ReferenceStage).HasMaxLength(InventoryLimits.Reference);
        builder.Property(m => m.Actor).HasMaxLength(100);
        builder.HasIndex(m => new { m.TenantId, m.ItemId, m.CreatedAt, m.Id });
    }
}

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> builder)
    {
        builder.ToTable("reservations");
        builder.Property(r => r.ReferenceOrder).HasMaxLength(InventoryLimits.Reference);
        builder.Property(r => r.ReferenceStage).HasMaxLength(InventoryLimits.Reference);
        builder.HasIndex(r => new { r.TenantId, r.ReferenceOrder, r.ReferenceStage });
        builder.HasIndex(r => new { r.TenantId, r.ItemId });
    }
}
