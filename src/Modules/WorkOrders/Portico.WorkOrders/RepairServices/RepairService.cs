using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.WorkOrders.RepairServices;

/// <summary>
/// The workshop's side of a Catalog service (its names, description and menu stay in the Catalog): how its labour is
/// priced, a fixed price or an hourly rate times standard hours, the VAT rate, and which version of its stage template
/// new work orders copy. Keyed by the Catalog service's id, one per service.
/// </summary>
internal sealed class RepairService : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    /// <summary>The Catalog service this extends (checked through <c>ICatalogServices</c>; no foreign key across modules).</summary>
    public Guid ServiceId { get; set; }

    /// <summary><see cref="LabourKinds"/>.</summary>
    public string LabourKind { get; set; } = LabourKinds.Fixed;

    /// <summary>The fixed labour price in minor units (kind fixed).</summary>
    public long? LabourPriceMinor { get; set; }

    /// <summary>The hourly rate in minor units (kind hourly).</summary>
    public long? HourlyRateMinor { get; set; }

    /// <summary>The standard hours of work (kind hourly), up to two decimals.</summary>
    public decimal? StandardHours { get; set; }

    /// <summary>The VAT rate in percent, 0 to 100 with up to two decimals (0, 10, 20 in Russia).</summary>
    public decimal VatRate { get; set; }

    public string Currency { get; set; } = "";

    /// <summary>The stage template version new work orders copy; 0 while it has none.</summary>
    public int CurrentTemplateVersion { get; set; }

    /// <summary>The labour price: the fixed one, or the rate times the standard hours rounded half up to the minor unit.</summary>
    public long LabourMinor => LabourKind == LabourKinds.Hourly
        ? (long)Math.Round((HourlyRateMinor ?? 0) * (StandardHours ?? 0), MidpointRounding.AwayFromZero)
        : LabourPriceMinor ?? 0;
}

internal static class LabourKinds
{
    public const string Fixed = "fixed";
    public const string Hourly = "hourly";

    public static readonly string[] All = [Fixed, Hourly];
}

internal sealed class RepairServiceConfiguration : IEntityTypeConfiguration<RepairService>
{
    public void Configure(EntityTypeBuilder<RepairService> builder)
    {
        builder.ToTable("repair_services");
        builder.Ignore(s => s.LabourMinor);
        builder.Property(s => s.LabourKind).HasMaxLength(10);
        builder.Property(s => s.Currency).HasMaxLength(3);
        builder.Property(s => s.StandardHours).HasPrecision(8, 2);
        builder.Property(s => s.VatRate).HasPrecision(5, 2);
        builder.HasIndex(s => new { s.TenantId, s.ServiceId }).IsUnique();
        builder.HasIndex(s => new { s.TenantId, s.CreatedAt, s.Id });
        builder.HasIndex(s => new { s.TenantId, s.UpdatedAt, s.Id });
    }
}
