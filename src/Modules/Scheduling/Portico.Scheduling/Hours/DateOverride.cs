using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Scheduling.Hours;

/// <summary>
/// A date on which a staff member or a resource keeps other hours than their week says (a short Saturday, an extra
/// evening), or none at all (<see cref="Intervals"/> empty: closed). It replaces that date's weekly hours and breaks.
/// </summary>
internal sealed class DateOverride : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    /// <summary>The staff member's or the resource's id.</summary>
    public Guid OwnerId { get; set; }

    /// <summary>The date on the owner's wall clock.</summary>
    public DateOnly Date { get; set; }

    /// <summary>JSON <c>[{ "start": "10:00", "end": "14:00" }]</c> (<see cref="Availability.TimeRange"/>); <c>[]</c> is closed.</summary>
    public string Intervals { get; set; } = "[]";
}

internal sealed class DateOverrideConfiguration : IEntityTypeConfiguration<DateOverride>
{
    public void Configure(EntityTypeBuilder<DateOverride> builder)
    {
        builder.ToTable("date_overrides");
        builder.Property(o => o.Intervals).HasMaxLength(2000);
        builder.HasIndex(o => new { o.TenantId, o.OwnerId, o.Date }).IsUnique();
    }
}
