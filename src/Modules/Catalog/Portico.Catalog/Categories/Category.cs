using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Catalog.Services;
using Portico.Kernel.Domain;

namespace Portico.Catalog.Categories;

/// <summary>
/// A group of services on the menu ("Haircuts", "Colouring"), in the order the studio wants, nested at most one level
/// ("Tattoo" › "Small tattoos"): a top-level category may have children, a child may not.
/// </summary>
internal sealed class Category : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    public string? NameEn { get; set; }

    public string? NameRu { get; set; }

    /// <summary>The parent (a top-level category), or null for a top-level one.</summary>
    public Guid? ParentId { get; set; }

    /// <summary>The place among its siblings, from 0.</summary>
    public int Position { get; set; }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("categories");
        builder.Property(c => c.NameEn).HasMaxLength(CatalogLimits.Name);
        builder.Property(c => c.NameRu).HasMaxLength(CatalogLimits.Name);
        builder.HasIndex(c => new { c.TenantId, c.ParentId, c.Position });
    }
}
