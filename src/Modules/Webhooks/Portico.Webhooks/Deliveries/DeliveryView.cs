using System.Text.Json;

namespace Portico.Webhooks.Deliveries;

internal sealed record AttemptView(
    int Number, DateTimeOffset AttemptedAt, bool Manual, bool Succeeded, int? StatusCode, int DurationMs, string? Error)
{
    public static AttemptView From(WebhookAttempt a) =>
        new(a.Number, a.AttemptedAt, a.Manual, a.Succeeded, a.StatusCode, a.DurationMs, a.Error);
}

/// <summary>A delivery with its attempts; the detail view adds the body that was sent. Answers are kept as a status code or a short reason only.</summary>
internal sealed record DeliveryView(
    Guid Id,
    Guid EndpointId,
    Guid EventId,
    string EventType,
    string Status,
    int AttemptCount,
    int? LastStatusCode,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<AttemptView> Attempts,
    JsonElement? Payload)
{
    public static DeliveryView From(WebhookDelivery d, IEnumerable<WebhookAttempt> attempts, bool detail) => new(
        d.Id, d.EndpointId, d.EventId, d.EventType, d.Status, d.AttemptCount, d.LastStatusCode, d.LastAttemptAt, d.NextAttemptAt, d.CreatedAt,
        attempts.OrderBy(a => a.Number).Select(a => AttemptView.From(a)).ToList(),
        detail ? JsonDocument.Parse(d.Payload).RootElement.Clone() : null);
}
