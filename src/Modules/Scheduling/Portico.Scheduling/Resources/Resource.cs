using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Scheduling.Resources;

/// <summary>
/// Something a service needs besides a person: a chair, a room, a bay, a machine. A resource with a capacity of N is
/// N units (0 … N−1); each booking holds one unit, so "no two bookings on one unit" is the same guarantee as for staff.
/// </summary>
internal sealed class Resource : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary><see cref="ResourceKinds"/>: what a Catalog service asks for.</summary>
    public required string Kind { get; set; }

    /// <summary>How many bookings it holds at once (a room with two chairs is 2).</summary>
    public int Capacity { get; set; } = 1;

    /// <summary>IANA time zone id its hours are read in (the tenant's by default).</summary>
    public required string TimeZone { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>The weekly hours, JSON <c>[{ "day": "monday", "start": "09:00", "end": "18:00" }]</c> (<see cref="Availability.DayHours"/>); wall-clock times in <see cref="TimeZone"/>.</summary>
    public string WeeklyHours { get; set; } = "[]";

    /// <summary>The weekly breaks, in the same form as <see cref="WeeklyHours"/>.</summary>
    public string Breaks { get; set; } = "[]";
}

internal static class ResourceKinds
{
    public const string Chair = "chair";
    public const string Room = "room";
    public const string Bay = "bay";
    public const string Machine = "machine";

    public static readonly IReadOnlyList<string> All = [Chair, Room, Bay, Machine];
}

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> builder)
    {
        builder.ToTable("resources");
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Kind).HasMaxLength(20);
        builder.Property(r => r.TimeZone).HasMaxLength(64);
        builder.Property(r => r.WeeklyHours).HasMaxLength(8000);
        builder.Property(r => r.Breaks).HasMaxLength(8000);
        builder.HasIndex(r => new { r.TenantId, r.Kind, r.Id });
    }
}
