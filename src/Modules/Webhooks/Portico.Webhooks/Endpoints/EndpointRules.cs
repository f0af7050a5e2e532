using System.Net;
using Portico.Kernel.Events;
using Portico.Webhooks.Dispatch;

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

    // Names that only mean something inside a private network.
    private static readonly string[] InternalSuffixes = [".local", ".internal", ".lan", ".home.arpa", ".intranet", ".corp"];

    public static Rules CheckUrl(this Rules rules, string? url, WebhookOptions options)
    {
        if (url is null)
        {
            return rules;
        }

        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return rules.Check(false, "url", $"must be an absolute https URL of at most {MaxUrlLength} characters.");
        }

        var host = uri.IdnHost.Trim('[', ']');
        var isLoopback = AddressPolicy.IsLoopbackName(host) || (IPAddress.TryParse(host, out var literal) && IPAddress.IsLoopback(literal));
        return rules
            .Check(uri.Scheme == Uri.UriSchemeHttps || (options.AllowInsecureLoopback && isLoopback), "url", "must use https.")
            .Check(string.IsNullOrEmpty(uri.UserInfo), "url", "must not contain a user name or password.")
            .Check(string.IsNullOrEmpty(uri.Fragment), "url", "must not contain a fragment (#...).")
            .Check(IsReachableHost(host, options), "url", "must point to a public internet address, not a private, loopback or internal one.");
    }

    private static bool IsReachableHost(string host, WebhookOptions options)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return AddressPolicy.Allows(address, options);
        }

        if (AddressPolicy.IsLoopbackName(host))
        {
            return options.AllowInsecureLoopback || options.AllowPrivateNetworks;
        }

        // A single-label name (https://intranet/hook) or a private suffix resolves only inside some network.
        return options.AllowPrivateNetworks
            || (host.Contains('.', StringComparison.Ordinal) && !InternalSuffixes.Any(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase)));
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
