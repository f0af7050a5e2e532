using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Inventory.Items;

/// <summary>
/// A stock-keeping item: a part, a fluid, a consumable. Its SKU is unique in the tenant. On hand and reserved are the
/// sums over its locations, kept by the ledger in the same transaction as each movement (never written by editing).
/// </summary>
internal sealed class Item : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    public string Sku { get; set; } = "";

    /// <summary>The SKU upper-cased: what uniqueness and look-ups compare.</summary>
    public string SkuKey { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The name lowercased: the key of <c>?sort=name</c>.</summary>
    public string SortName { get; set; } = "";

    /// <summary>SKU, name, barcode, category and supplier lowercased in .NET (SQLite's lower() knows only ASCII): what <c>?q=</c> searches.</summary>
    public string SearchText { get; set; } = "";

    /// <summary><see cref="Units"/>.</summary>
    public string Unit { get; set; } = "pcs";

    public string? Category { get; set; }

    public long? CostMinor { get; set; }

    public long? PriceMinor { get; set; }

    public string Currency { get; set; } = "";

    /// <summary>VAT in percent, 0–100.</summary>
    public int? VatRate { get; set; }

    public string? Barcode { get; set; }

    /// <summary>The reorder level in thousandths of the unit; null: not watched.</summary>
    public long? ReorderLevelMilli { get; set; }

    public string? Supplier { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>Sum of on hand over locations, thousandths.</summary>
    public long OnHandMilli { get; set; }

    /// <summary>Sum of reserved over locations, thousandths.</summary>
    public long ReservedMilli { get; set; }

    /// <summary>A low-stock event was raised and available has not gone back above the reorder level since.</summary>
    public bool LowStockRaised { get; set; }
}

internal static class Units
{
    public static readonly string[] All = ["pcs", "set", "pair", "l", "ml", "kg", "g", "m", "cm", "m2", "pack", "roll", "h"];
}

internal static class InventoryLimits
{
    public const int Sku = 64;
    public const int Name = 300;
    public const int Category = 100;
    public const int Barcode = 64;
    public const int Supplier = 200;
    public const int Reason = 500;
    public const int Reference = 100;
    public const int LocationName = 100;
}

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> builder)
    {
        builder.ToTable("items");
        builder.Property(i => i.Sku).HasMaxLength(InventoryLimits.Sku);
        builder.Property(i => i.SkuKey).HasMaxLength(InventoryLimits.Sku);
        builder.Property(i => i.Name).HasMaxLength(InventoryLimits.Name);
        builder.Property(i => i.SortName).HasMaxLength(InventoryLimits.Name);
        builder.Property(i => i.SearchText).HasMaxLength(1000);
        builder.Property(i => i.Unit).HasMaxLength(10);
        builder.Property(i => i.Category).HasMaxLength(InventoryLimits.Category);
        builder.Property(i => i.Currency).HasMaxLength(3);
        builder.Property(i => i.Barcode).HasMaxLength(InventoryLimits.Barcode);
        builder.Property(i => i.Supplier).HasMaxLength(InventoryLimits.Supplier);
        builder.HasIndex(i => new { i.TenantId, i.SkuKey }).IsUnique();
        builder.HasIndex(i => new { i.TenantId, i.SortName, i.Id });
        builder.HasIndex(i => new { i.TenantId, i.CreatedAt, i.Id });
        builder.HasIndex(i => new { i.TenantId, i.Category });
        builder.HasIndex(i => new { i.TenantId, i.Barcode });
    }
}
