using Portico.Kernel.Events;
using Portico.Kernel.Http;

namespace Portico.Webhooks.Endpoints;

/// <summary>The rules every endpoint write shares: the URL, the event types, the description.</summary>
internal static class EndpointRules
{
    public const int MaxUrlLength = 2000;
    public const int MaxDescriptionLength = 500;
    public const int MaxEventTypes = 100;
    public const string SecretPrefix = "whsec_";
    public const string DisabledByMember = "Disabled by a member of the tenant.";

    public static string NewSecret() => SecretPrefix + Secrets.NewToken();

    /// <summary>
    /// The URL must pass the platform's outbound policy (https, no user info, a public address now and, checked again
    /// at connect time, on every delivery) and carry no fragment, which a receiver would never see.
    /// </summary>
    public static async Task<Rules> CheckUrlAsync(this Rules rules, string? url, OutboundPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        await rules.CheckOutboundUrlAsync(policy, url, "url", cancellationToken);
        return rules.Check(url is null || !url.Contains('#', StringComparison.Ordinal), "url", "must not contain a fragment (#...).");
    }

    /// <summary>Checks the subscribed types: each a known type, a custom one (<c>custom.*</c>) or <c>*</c>.</summary>
    public static Rules CheckEventTypes(this Rules rules, string[]? eventTypes, EventCatalog catalog, bool required)
    {
        if (eventTypes is null)
        {
            return required ? rules.Check(false, "eventTypes", "is required: event type names, or [\"*\"] for every event.") : rules;
        }

        var unknown = eventTypes.Where(t => t is null || !catalog.IsSubscribable(t)).ToList();
        return rules
            .Check(eventTypes.Length is > 0 and <= MaxEventTypes, "eventTypes", $"must list 1 to {MaxEventTypes} event types, or \"*\".")
            .Check(unknown.Count == 0, "eventTypes",
                $"unknown event type(s): {string.Join(", ", unknown.Select(t => t ?? "null"))}. Use a listed type, a custom type (custom.*), or \"*\".");
    }

    /// <summary>Sorted and distinct; <c>*</c> alone when present, since it covers every other.</summary>
    public static string[] Normalize(string[] eventTypes) =>
        eventTypes.Contains("*") ? ["*"] : eventTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Nothing is sent to a disabled endpoint, not even by hand: turn it back on first.</summary>
    public static void CheckEnabled(WebhookEndpoint endpoint)
    {
        if (!endpoint.Enabled)
        {
            throw new ConflictException("The endpoint is disabled. Turn it back on (PATCH with {\"enabled\": true}) before sending to it.", "endpoint-disabled");
        }
    }

    public static Rules CheckDescription(this Rules rules, string? description) => rules
        .Length(description, "description", 0, MaxDescriptionLength)
        .Check(description is null || !description.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'), "description", "must not contain control characters.");
}
