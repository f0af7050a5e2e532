using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Catalog.Services;

/// <summary>
/// Something the business sells by time: names and descriptions in the tenant's languages, a price (fixed, "from" or a
/// range) in the tenant's currency, a duration with buffers before and after, a deposit, who performs it (with their own
/// price and duration), the resource kind it occupies, a portfolio. Once booked it is archived, never deleted, so past
/// appointments keep what they were.
/// </summary>
internal sealed class Service : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    public Guid? CategoryId { get; set; }

    public string? NameEn { get; set; }

    public string? NameRu { get; set; }

    public string? DescriptionEn { get; set; }

    public string? DescriptionRu { get; set; }

    /// <summary>The name in the tenant's language (else the other one), lowercased: the key of <c>?sort=name</c>.</summary>
    public string SortName { get; set; } = "";

    /// <summary>Both names and the tags, lowercased in .NET (SQLite's lower() knows only ASCII): what <c>?q=</c> searches.</summary>
    public string SearchText { get; set; } = "";

    /// <summary><see cref="PriceKinds"/>.</summary>
    public string PriceKind { get; set; } = PriceKinds.Fixed;

    /// <summary>The price in minor units; the lower bound of a "from" price or a range.</summary>
    public long PriceMinor { get; set; }

    /// <summary>The upper bound of a range; null otherwise.</summary>
    public long? PriceMaxMinor { get; set; }

    public string Currency { get; set; } = "";

    public int DurationMinutes { get; set; }

    public int BufferBeforeMinutes { get; set; }

    public int BufferAfterMinutes { get; set; }

    /// <summary>A fixed deposit in minor units (or <see cref="DepositPercent"/>, never both).</summary>
    public long? DepositMinor { get; set; }

    /// <summary>A deposit as a share of the price, 1 to 100.</summary>
    public int? DepositPercent { get; set; }

    public bool OnlineBookable { get; set; } = true;

    /// <summary><see cref="ResourceKinds"/>, or null when it needs no resource.</summary>
    public string? ResourceKind { get; set; }

    /// <summary>A JSON array of lowercase tags.</summary>
    public string Tags { get; set; } = "[]";

    /// <summary>The place in its category's menu.</summary>
    public int Position { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>When it was first booked; from then on it can be archived but not deleted.</summary>
    public DateTimeOffset? BookedAt { get; set; }
}

/// <summary>A staff member (a Scheduling staff profile) who performs a service, with their own price and duration.</summary>
internal sealed class ServiceStaffMember : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    public Guid ServiceId { get; set; }

    public Guid StaffId { get; set; }

    public long? PriceMinor { get; set; }

    public int? DurationMinutes { get; set; }
}

/// <summary>A picture of past work (a Files file of the tenant) shown with a service.</summary>
internal sealed class PortfolioImage : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    public Guid ServiceId { get; set; }

    public Guid FileId { get; set; }

    public int Position { get; set; }

    public string? Caption { get; set; }
}

internal static class PriceKinds
{
    public const string Fixed = "fixed";
    public const string From = "from";
    public const string Range = "range";

    public static readonly string[] All = [Fixed, From, Range];
}

internal static class ResourceKinds
{
    public static readonly string[] All = ["chair", "room", "bay", "machine"];
}

internal static class CatalogLimits
{
    public const int Name = 200;
    public const int Description = 4000;
    public const int Tag = 40;
    public const int Tags = 20;
    public const int Caption = 300;
    public const int Staff = 200;
    public const int Portfolio = 50;
    public const int MaxMinutes = 24 * 60;
}

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.ToTable("services");
        builder.Property(s => s.NameEn).HasMaxLength(CatalogLimits.Name);
        builder.Property(s => s.NameRu).HasMaxLength(CatalogLimits.Name);
        builder.Property(s => s.DescriptionEn).HasMaxLength(CatalogLimits.Description);
        builder.Property(s => s.DescriptionRu).HasMaxLength(CatalogLimits.Description);
        builder.Property(s => s.SortName).HasMaxLength(CatalogLimits.Name);
        builder.Property(s => s.SearchText).HasMaxLength(2000);
        builder.Property(s => s.PriceKind).HasMaxLength(10);
        builder.Property(s => s.Currency).HasMaxLength(3);
        builder.Property(s => s.ResourceKind).HasMaxLength(20);
        builder.Property(s => s.Tags).HasMaxLength(2000);
        // Every sort a list offers walks an index in its own order (the tenant first).
        builder.HasIndex(s => new { s.TenantId, s.SortName, s.Id });
        builder.HasIndex(s => new { s.TenantId, s.PriceMinor, s.Id });
        builder.HasIndex(s => new { s.TenantId, s.DurationMinutes, s.Id });
        builder.HasIndex(s => new { s.TenantId, s.Position, s.Id });
        builder.HasIndex(s => new { s.TenantId, s.CreatedAt, s.Id });
        builder.HasIndex(s => new { s.TenantId, s.CategoryId });
    }
}

internal sealed class ServiceStaffConfiguration : IEntityTypeConfiguration<ServiceStaffMember>
{
    public void Configure(EntityTypeBuilder<ServiceStaffMember> builder)
    {
        builder.ToTable("service_staff");
        builder.HasIndex(s => new { s.TenantId, s.ServiceId, s.StaffId }).IsUnique();
        builder.HasIndex(s => new { s.TenantId, s.StaffId });
    }
}

internal sealed class PortfolioImageConfiguration : IEntityTypeConfiguration<PortfolioImage>
{
    public void Configure(EntityTypeBuilder<PortfolioImage> builder)
    {
        builder.ToTable("portfolio_images");
        builder.Property(p => p.Caption).HasMaxLength(CatalogLimits.Caption);
        builder.HasIndex(p => new { p.TenantId, p.ServiceId, p.Position });
    }
}
