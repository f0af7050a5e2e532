using Portico.Kernel.Events;

namespace Portico.Notifications.Templates;

/// <summary>Who a message is for, as a template sees them.</summary>
internal sealed record RecipientInfo(string? Name, string? Email, string? Phone, string Locale);

/// <summary>
/// What a template sees: <c>event</c> (id, type, occurredAt in the recipient's time zone, actor, data, contact),
/// <c>tenant</c> (id, slug) and <c>recipient</c> (name, email, phone, locale). Data keys are camelCase, as in the event's JSON.
/// </summary>
internal static class RenderModel
{
    public static Dictionary<string, object?> Build(IntegrationEvent integrationEvent, RecipientInfo recipient, TimeZoneInfo timeZone) => new(StringComparer.Ordinal)
    {
        ["event"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = integrationEvent.Id.ToString(),
            ["type"] = integrationEvent.Type,
            ["occurredAt"] = TimeZoneInfo.ConvertTime(integrationEvent.OccurredAt, timeZone),
            ["actor"] = integrationEvent.Actor,
            ["data"] = LiquidTemplates.FromJson(integrationEvent.Data),
            ["contact"] = integrationEvent.Contact is { } contact
                ? new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["name"] = contact.Name,
                    ["email"] = contact.Email,
                    ["phone"] = contact.Phone,
                    ["locale"] = contact.Locale,
                }
                : null,
        },
        ["tenant"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = integrationEvent.TenantId.ToString(),
            ["slug"] = integrationEvent.TenantSlug,
        },
        ["recipient"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = recipient.Name,
            ["email"] = recipient.Email,
            ["phone"] = recipient.Phone,
            ["locale"] = recipient.Locale,
        },
    };

    public static TimeZoneInfo TimeZoneOf(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
