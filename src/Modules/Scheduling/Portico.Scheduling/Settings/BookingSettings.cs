using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Scheduling.Settings;

/// <summary>A tenant's booking policy; a tenant without a row has <see cref="BookingPolicy.Default"/>.</summary>
internal sealed class BookingSettings : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    /// <summary>How long before a slot it may still be booked.</summary>
    public int MinimumNoticeMinutes { get; set; }

    /// <summary>How far ahead slots are offered.</summary>
    public int HorizonDays { get; set; }

    /// <summary>The grid slot starts lie on (every 15 minutes from midnight on the staff member's clock).</summary>
    public int SlotStepMinutes { get; set; }

    /// <summary>Until how long before the start a client may cancel or reschedule by themselves.</summary>
    public int CancellationWindowHours { get; set; }
}

internal sealed class BookingSettingsConfiguration : IEntityTypeConfiguration<BookingSettings>
{
    public void Configure(EntityTypeBuilder<BookingSettings> builder)
    {
        builder.ToTable("booking_settings");
        builder.HasIndex(s => s.TenantId).IsUnique();
    }
}
