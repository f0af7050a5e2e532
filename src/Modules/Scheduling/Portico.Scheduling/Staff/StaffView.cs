using System.Text.RegularExpressions;
using NodaTime;
using Portico.Scheduling.Availability;

namespace Portico.Scheduling.Staff;

/// <summary>A staff profile as the API shows it, with the weekly hours and breaks.</summary>
internal sealed record StaffView(
    Guid Id, Guid? UserId, string DisplayName, string? Bio, Guid? PhotoFileId, string TimeZone, string? Color, bool Bookable,
    DateTimeOffset? ArchivedAt, IReadOnlyList<DayHours> Hours, IReadOnlyList<DayHours> Breaks, long Version)
{
    public static StaffView From(StaffMember s) =>
        new(s.Id, s.UserId, s.DisplayName, s.Bio, s.PhotoFileId, s.TimeZone, s.Color, s.Bookable, s.ArchivedAt,
            WorkPattern.ReadWeek(s.WeeklyHours), WorkPattern.ReadWeek(s.Breaks), s.Version);
}

/// <summary>Checks shared by staff and resources.</summary>
internal static partial class SetupRules
{
    /// <summary>The zone of an IANA id, or null for an unknown one (NodaTime's tzdb: <c>Europe/Moscow</c>, not <c>MSK</c>).</summary>
    public static DateTimeZone? Zone(string? id) => id is { Length: > 0 and <= 64 } ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) : null;

    public static Rules TimeZone(this Rules rules, string? id, string field = "timeZone") =>
        id is null ? rules : rules.Check(Zone(id) is not null, field, "must be an IANA time zone such as Europe/Berlin.");

    public static Rules Color(this Rules rules, string? color) =>
        string.IsNullOrEmpty(color) ? rules : rules.Check(ColorPattern().IsMatch(color), "color", "must be a colour #RRGGBB.");

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex ColorPattern();
}
