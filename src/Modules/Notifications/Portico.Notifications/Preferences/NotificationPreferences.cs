using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;
using Portico.Kernel.Events;

namespace Portico.Notifications.Preferences;

/// <summary>
/// A user's notification preferences, for every tenant they belong to: which event types reach them on
/// which channels, and their quiet hours (in their own time zone). Everything is on until switched off.
/// </summary>
internal sealed class NotificationPreferences : Entity
{
    public Guid UserId { get; init; }

    /// <summary>JSON list of <see cref="PreferenceRule"/>.</summary>
    public string Rules { get; set; } = "[]";

    /// <summary>Local time (<c>HH:mm</c>) quiet hours start; null when there are none.</summary>
    public string? QuietHoursStart { get; set; }

    public string? QuietHoursEnd { get; set; }

    public IReadOnlyList<PreferenceRule> RuleList() => JsonSerializer.Deserialize<List<PreferenceRule>>(Rules, EventJson.Options) ?? [];

    public QuietHours? Quiet() => QuietHours.TryParse(QuietHoursStart, QuietHoursEnd, out var quiet) ? quiet : null;

    /// <summary>
    /// Whether the user wants <paramref name="eventType"/> on <paramref name="channel"/>: the most specific rule decides
    /// (event and channel, then event on any channel, then any event on the channel, then any event anywhere); no rule means yes.
    /// </summary>
    public static bool Allows(IReadOnlyList<PreferenceRule> rules, string eventType, string channel)
    {
        var rule = rules.FirstOrDefault(r => r.EventType == eventType && r.Channel == channel)
            ?? rules.FirstOrDefault(r => r.EventType == eventType && r.Channel == "*")
            ?? rules.FirstOrDefault(r => r.EventType == "*" && r.Channel == channel)
            ?? rules.FirstOrDefault(r => r.EventType == "*" && r.Channel == "*");
        return rule?.Enabled ?? true;
    }
}

/// <summary>On or off for an event type (or <c>*</c>) on a channel (or <c>*</c>).</summary>
internal sealed record PreferenceRule(string EventType, string Channel, bool Enabled);

/// <summary>A daily window of local time, such as 22:00–08:00, when only in-app notifications arrive at once.</summary>
internal sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public static bool TryParse(string? start, string? end, out QuietHours? quiet)
    {
        quiet = null;
        if (TimeOnly.TryParseExact(start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && TimeOnly.TryParseExact(end, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            && from != to)
        {
            quiet = new QuietHours(from, to);
        }

        return quiet is not null;
    }

    /// <summary>The instant the quiet hours around <paramref name="now"/> end in <paramref name="zone"/>, or null when <paramref name="now"/> is not quiet.</summary>
    public DateTimeOffset? EndAfter(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var quiet = Start < End ? time >= Start && time < End : time >= Start || time < End;
        if (!quiet)
        {
            return null;
        }

        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (time >= End)
        {
            endDate = endDate.AddDays(1);
        }

        var endLocal = endDate.ToDateTime(End, DateTimeKind.Unspecified);
        // A wall-clock time skipped by a daylight-saving jump is reached an hour later.
        while (zone.IsInvalidTime(endLocal))
        {
            endLocal = endLocal.AddMinutes(30);
        }

        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal)).ToUniversalTime();
    }
}

internal sealed class NotificationPreferencesConfiguration : IEntityTypeConfiguration<NotificationPreferences>
{
    public void Configure(EntityTypeBuilder<NotificationPreferences> builder)
    {
        builder.ToTable("preferences");
        builder.HasIndex(p => p.UserId).IsUnique();
        builder.Property(p => p.Rules).HasMaxLength(20_000);
        builder.Property(p => p.QuietHoursStart).HasMaxLength(5);
        builder.Property(p => p.QuietHoursEnd).HasMaxLength(5);
    }
}
