using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Scheduling.Staff;

/// <summary>Time a staff member is away (a holiday, sick leave, a doctor's appointment): [<see cref="StartsAt"/>, <see cref="EndsAt"/>).</summary>
internal sealed class TimeOff : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    public Guid StaffId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public string? Reason { get; set; }
}

internal sealed class TimeOffConfiguration : IEntityTypeConfiguration<TimeOff>
{
    public void Configure(EntityTypeBuilder<TimeOff> builder)
    {
        builder.ToTable("time_off");
        builder.Property(t => t.Reason).HasMaxLength(500);
        builder.HasIndex(t => new { t.TenantId, t.StaffId, t.StartsAt });
    }
}
