using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Scheduling.Calendars;

/// <summary>
/// A staff member's outside calendar (Google or Outlook), connected by OAuth: appointments are written to it and its
/// events come back as <see cref="ExternalBusyTime"/>. The tokens are Data Protection ciphertexts
/// (<see cref="CalendarTokens"/>) and never leave the server: no API answer, log or event carries them. Not audited
/// field by field: every sync and token refresh changes it, which would bury the audit log.
/// </summary>
internal sealed class CalendarConnection : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid StaffId { get; set; }

    /// <summary><see cref="CalendarProviders"/>: google or outlook.</summary>
    public required string Provider { get; set; }

    /// <summary>The calendar's id there (Google: the account's primary calendar, its email; Graph: the default calendar's id).</summary>
    public required string ExternalCalendarId { get; set; }

    /// <summary>The account it belongs to, shown to members (an email address, when the provider tells).</summary>
    public string? Account { get; set; }

    /// <summary>Encrypted.</summary>
    public required string AccessToken { get; set; }

    /// <summary>Encrypted; null when the provider gave none (then the member reconnects when the access token expires).</summary>
    public string? RefreshToken { get; set; }

    public DateTimeOffset AccessTokenExpiresAt { get; set; }

    /// <summary>Google's sync token or Graph's delta link: where the next incremental read starts.</summary>
    public string? SyncCursor { get; set; }

    /// <summary>When the window was last read in full (the cursor is dropped after <see cref="CalendarOptions.FullSyncEvery"/>).</summary>
    public DateTimeOffset? FullSyncAt { get; set; }

    public DateTimeOffset? LastSyncedAt { get; set; }

    /// <summary><see cref="CalendarConnectionStatus"/>.</summary>
    public string Status { get; set; } = CalendarConnectionStatus.Active;

    /// <summary>Why the last sync or write failed (short: a status and the provider's code, never a token).</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }

    public void Failed(string error, DateTimeOffset at, bool reconnectNeeded)
    {
        LastError = error.Length <= 500 ? error : error[..500];
        LastErrorAt = at;
        if (reconnectNeeded)
        {
            Status = CalendarConnectionStatus.Error;
        }
    }

    public void Succeeded()
    {
        Status = CalendarConnectionStatus.Active;
        LastError = null;
    }
}

internal static class CalendarConnectionStatus
{
    public const string Active = "active";

    /// <summary>The provider refused the grant (revoked, expired): nothing syncs until the member connects again.</summary>
    public const string Error = "error";
}

/// <summary>
/// Which outside event an appointment became in one connected calendar: what a reschedule patches and a cancellation
/// deletes, what makes a redelivered <c>appointment.booked</c> write nothing twice, and what sync skips when reading.
/// </summary>
internal sealed class CalendarEventLink : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid ConnectionId { get; set; }

    public Guid AppointmentId { get; set; }

    public required string ExternalEventId { get; set; }
}

/// <summary>
/// A staff member's read-only ICS feed: its links carry <see cref="Generation"/>, so rotating it (a new generation)
/// turns every link given out before into a 404. No row yet means generation 0.
/// </summary>
internal sealed class CalendarFeed : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid StaffId { get; set; }

    public int Generation { get; set; }
}

internal sealed class CalendarConnectionConfiguration : IEntityTypeConfiguration<CalendarConnection>
{
    public void Configure(EntityTypeBuilder<CalendarConnection> builder)
    {
        builder.ToTable("calendar_connections");
        builder.Property(c => c.Provider).HasMaxLength(16);
        builder.Property(c => c.ExternalCalendarId).HasMaxLength(1024);
        builder.Property(c => c.Account).HasMaxLength(320);
        builder.Property(c => c.AccessToken).HasMaxLength(16_000);
        builder.Property(c => c.RefreshToken).HasMaxLength(16_000);
        builder.Property(c => c.SyncCursor).HasMaxLength(4000);
        builder.Property(c => c.Status).HasMaxLength(16);
        builder.Property(c => c.LastError).HasMaxLength(500);
        builder.HasIndex(c => new { c.TenantId, c.StaffId });
        builder.HasIndex(c => c.Status);
    }
}

internal sealed class CalendarEventLinkConfiguration : IEntityTypeConfiguration<CalendarEventLink>
{
    public void Configure(EntityTypeBuilder<CalendarEventLink> builder)
    {
        builder.ToTable("calendar_event_links");
        builder.Property(l => l.ExternalEventId).HasMaxLength(1024);
        builder.HasIndex(l => new { l.ConnectionId, l.AppointmentId }).IsUnique();
        builder.HasIndex(l => new { l.TenantId, l.AppointmentId });
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("calendar_feeds");
        builder.HasIndex(f => new { f.TenantId, f.StaffId }).IsUnique();
    }
}
