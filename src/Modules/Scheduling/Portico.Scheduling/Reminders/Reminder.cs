using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Scheduling.Reminders;

/// <summary>A tenant's reminders: how long before an appointment (any number of offsets) and by which channel.</summary>
internal sealed class ReminderSettings : Entity, ITenantOwned, IAudited
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Telegram = "telegram";

    public static readonly IReadOnlyList<string> Channels = [Email, Sms, Telegram];

    /// <summary>24 hours and 2 hours before, by email, until the studio says otherwise.</summary>
    public static readonly IReadOnlyList<int> DefaultOffsets = [1440, 120];

    public Guid TenantId { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Minutes before the start, comma-separated (<c>1440,120</c>).</summary>
    public string OffsetsMinutes { get; set; } = string.Join(',', DefaultOffsets);

    public string Channel { get; set; } = Email;

    public IReadOnlyList<int> Offsets => OffsetsMinutes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
}

/// <summary>
/// One reminder of one appointment, at <see cref="DueAt"/>, made for the appointment's <see cref="Revision"/>: a move or
/// cancellation raises the revision, so a reminder scheduled before it finds itself stale and stays quiet. <see cref="SentAt"/>
/// is claimed before sending, so it is never sent twice.
/// </summary>
internal sealed class AppointmentReminder : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid AppointmentId { get; set; }

    public int OffsetMinutes { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public int Revision { get; set; }

    public required string Channel { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}

internal sealed class ReminderSettingsConfiguration : IEntityTypeConfiguration<ReminderSettings>
{
    public void Configure(EntityTypeBuilder<ReminderSettings> builder)
    {
        builder.ToTable("reminder_settings");
        builder.Property(s => s.OffsetsMinutes).HasMaxLength(200);
        builder.Property(s => s.Channel).HasMaxLength(20);
        builder.Ignore(s => s.Offsets);
        builder.HasIndex(s => s.TenantId).IsUnique();
    }
}

internal sealed class AppointmentReminderConfiguration : IEntityTypeConfiguration<AppointmentReminder>
{
    public void Configure(EntityTypeBuilder<AppointmentReminder> builder)
    {
        builder.ToTable("appointment_reminders");
        builder.Property(r => r.Channel).HasMaxLength(20);
        builder.HasIndex(r => new { r.AppointmentId, r.OffsetMinutes });
    }
}
