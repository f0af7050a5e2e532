namespace Portico.Webhooks.Endpoints;

/// <summary>An endpoint as the API shows it: never with its secret, except right after create or rotate (<see cref="EndpointWithSecret"/>).</summary>
internal sealed record EndpointView(
    Guid Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    DateTimeOffset? DisabledAt,
    string? DisabledReason,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    public static EndpointView From(WebhookEndpoint e) => new(
        e.Id, e.Url, e.Description, e.EventTypes, e.Enabled, e.DisabledAt, e.DisabledReason, e.PreviousSecretExpiresAt, e.CreatedAt, e.UpdatedAt, e.Version);
}

/// <summary>The answer to create and rotate: the endpoint and its signing secret, shown this once.</summary>
internal sealed record EndpointWithSecret(
    Guid Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    string Secret,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    /// <summary>The endpoint with the secret in the clear (the stored one is encrypted).</summary>
    public static EndpointWithSecret From(WebhookEndpoint e, string secret) => new(
        e.Id, e.Url, e.Description, e.EventTypes, e.Enabled, secret, e.PreviousSecretExpiresAt, e.CreatedAt, e.UpdatedAt, e.Version);
}
