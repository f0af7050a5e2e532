using System.Text;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Crm.Vehicles;

/// <summary>A client's car (or motorbike, van): what a workshop repairs. Belongs to one contact; its odometer is read over time.</summary>
internal sealed class Vehicle : Entity, ITenantOwned, IAudited
{
    public const string Kilometres = "km";
    public const string Miles = "mi";
    public static readonly string[] Units = [Kilometres, Miles];

    public Guid TenantId { get; set; }

    public Guid ContactId { get; set; }

    /// <summary>Upper-cased, 17 characters; unique in the tenant.</summary>
    public string? Vin { get; set; }

    public required string Make { get; set; }

    public required string Model { get; set; }

    public int? Year { get; set; }

    /// <summary>Trimmed and upper-cased, letters kept as typed (Cyrillic on Russian plates).</summary>
    public string? Plate { get; set; }

    public string? Colour { get; set; }

    public string? Notes { get; set; }

    /// <summary><c>km</c> or <c>mi</c>: the unit of every reading of this vehicle.</summary>
    public string OdometerUnit { get; set; } = Kilometres;

    /// <summary>The latest reading (by time read), kept on the row for lists.</summary>
    public long? Odometer { get; set; }

    public DateTimeOffset? OdometerReadAt { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>VIN, plate (also without spaces), make and model folded by <see cref="VehicleText.Fold"/>: what <c>q</c> searches.</summary>
    public string SearchKey { get; set; } = "";

    public void RefreshSearchKey() =>
        SearchKey = VehicleText.Fold(string.Join(' ', new[] { Vin, Plate, Plate is null ? null : VehicleText.Compact(Plate), Make, Model }.Where(p => !string.IsNullOrEmpty(p))));
}

/// <summary>One odometer reading of a vehicle, in the vehicle's unit.</summary>
internal sealed class OdometerReading : Entity, ITenantOwned, IAudited
{
    public const string Manual = "manual";
    public const string WorkOrder = "work_order";
    public const string Import = "import";
    public static readonly string[] Sources = [Manual, WorkOrder, Import];

    public Guid TenantId { get; set; }

    public Guid VehicleId { get; set; }

    public long Value { get; set; }

    public DateTimeOffset ReadAt { get; set; }

    public string Source { get; set; } = Manual;

    /// <summary>The record the reading came from (a work order), if any.</summary>
    public Guid? SourceId { get; set; }

    /// <summary>Accepted below the previous reading on purpose.</summary>
    public bool IsCorrection { get; set; }

    public string? Note { get; set; }
}

/// <summary>How plates and other vehicle texts are made comparable.</summary>
internal static class VehicleText
{
    // Russian plates use only the twelve Cyrillic letters that look like Latin ones (А В Е К М Н О Р С Т У Х),
    // so «А123ВС77» typed on a Latin keyboard is the same plate: both sides of a search are folded to Latin.
    private const string Cyrillic = "АВЕКМНОРСТУХЁ";
    private const string Latin = "ABEKMHOPCTYXE";

    /// <summary>Upper-cased with Cyrillic look-alike letters turned into their Latin twins.</summary>
    public static string Fold(string text)
    {
        var upper = text.ToUpperInvariant();
        var builder = new StringBuilder(upper.Length);
        foreach (var c in upper)
        {
            var i = Cyrillic.IndexOf(c, StringComparison.Ordinal);
            builder.Append(i < 0 ? c : Latin[i]);
        }

        return builder.ToString();
    }

    /// <summary>Without spaces and hyphens: «А 123 ВС 77» is «А123ВС77».</summary>
    public static string Compact(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c) && c != '-')]);

    /// <summary>Trimmed, upper-cased, runs of spaces made one.</summary>
    public static string NormalizePlate(string plate) =>
        string.Join(' ', plate.Trim().ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

internal sealed class VehicleConfiguration : IEntityTypeConfiguration<Vehicle>
{
    public void Configure(EntityTypeBuilder<Vehicle> builder)
    {
        builder.ToTable("vehicles");
        builder.Property(v => v.Vin).HasMaxLength(Vehicles.Vin.Length);
        builder.Property(v => v.Make).HasMaxLength(100);
        builder.Property(v => v.Model).HasMaxLength(100);
        builder.Property(v => v.Plate).HasMaxLength(20);
        builder.Property(v => v.Colour).HasMaxLength(50);
        builder.Property(v => v.Notes).HasMaxLength(4000);
        builder.Property(v => v.OdometerUnit).HasMaxLength(2);
        builder.Property(v => v.SearchKey).HasMaxLength(400);
        // One vehicle per VIN in a tenant (vehicles without a VIN are NULL, which never collide).
        builder.HasIndex(v => new { v.TenantId, v.Vin }).IsUnique();
        builder.HasIndex(v => new { v.TenantId, v.ContactId });
        builder.HasIndex(v => new { v.TenantId, v.CreatedAt, v.Id });
        builder.HasIndex(v => new { v.TenantId, v.Plate });
    }
}

internal sealed class OdometerReadingConfiguration : IEntityTypeConfiguration<OdometerReading>
{
    public void Configure(EntityTypeBuilder<OdometerReading> builder)
    {
        builder.ToTable("odometer_readings");
        builder.Property(r => r.Source).HasMaxLength(20);
        builder.Property(r => r.Note).HasMaxLength(500);
        builder.HasOne<Vehicle>().WithMany().HasForeignKey(r => r.VehicleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.TenantId, r.VehicleId, r.ReadAt, r.Id });
    }
}
