using System.Text.RegularExpressions;
using Portico.Kernel.Events;
using Portico.Notifications.Channels;

namespace Portico.Notifications;

/// <summary>Checks that templates, triggers and preferences share.</summary>
internal static partial class NotificationRules
{
    [GeneratedRegex("^[a-z]{2}(-[A-Z]{2})?$")]
    private static partial Regex LocalePattern();

    public static Rules CheckChannel(this Rules rules, string? channel, string field = "channel") => rules
        .Required(channel, field)
        .OneOf(channel, field, ChannelNames.All);

    /// <summary>A declared event type or a custom one; <c>*</c> (every event) only where <paramref name="allowAny"/>.</summary>
    public static Rules CheckEventType(this Rules rules, EventCatalog catalog, string? eventType, bool allowAny, string field = "eventType") => rules
        .Required(eventType, field)
        .Check(eventType is null || (eventType == "*" ? allowAny : catalog.IsSubscribable(eventType)), field,
            allowAny
                ? "must be an event type from GET /api/v1/event-types, a custom type (custom.*) or * for every event."
                : "must be an event type from GET /api/v1/event-types or a custom type (custom.*).");

    public static Rules CheckLocale(this Rules rules, string? locale, string field = "locale") => rules
        .Check(locale is null || LocalePattern().IsMatch(locale), field, "must be a language code such as en or ru (optionally with a region, such as en-GB).");
}
