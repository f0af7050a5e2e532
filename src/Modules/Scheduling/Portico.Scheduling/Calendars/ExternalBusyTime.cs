using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Scheduling.Calendars;

/// <summary>
/// Time a staff member is busy in a connected outside calendar (Google, Outlook): read in by calendar sync, read by slot
/// search as busy. Events Portico itself wrote to that calendar are not stored here (they are appointments already).
/// </summary>
internal sealed class ExternalBusyTime : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid StaffId { get; set; }

    /// <summary>The calendar connection it came from; its rows are replaced when that calendar syncs.</summary>
    public Guid ConnectionId { get; set; }

    /// <summary>The outside event's id, so an update or deletion there changes this row.</summary>
    public required string ExternalEventId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }
}

internal sealed class ExternalBusyTimeConfiguration : IEntityTypeConfiguration<ExternalBusyTime>
{
    public void Configure(EntityTypeBuilder<ExternalBusyTime> builder)
    {
        builder.ToTable("external_busy_times");
        builder.Property(b => b.ExternalEventId).HasMaxLength(1024);
        builder.HasIndex(b => new { b.TenantId, b.StaffId, b.StartsAt });
        builder.HasIndex(b => new { b.ConnectionId, b.ExternalEventId }).IsUnique();
    }
}
