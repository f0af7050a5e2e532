using System.Text.Json;
using Portico.Kernel.Events;

namespace Portico.Webhooks.Dispatch;

/// <summary>The JSON body every delivery carries: <c>{ id, type, occurredAt, tenant, data }</c>, camelCase like the rest of the API.</summary>
internal static class WebhookPayload
{
    /// <summary>The event type of the ping sent by <c>POST .../webhooks/{id}/test</c>.</summary>
    public const string TestEventType = "webhook.test";

    internal sealed record Body(Guid Id, string Type, DateTimeOffset OccurredAt, string Tenant, JsonElement? Data);

    public static string Serialize(Guid eventId, string type, DateTimeOffset occurredAt, string tenantSlug, JsonElement data) =>
        JsonSerializer.Serialize(
            new Body(eventId, type, occurredAt.ToUniversalTime(), tenantSlug, data.ValueKind == JsonValueKind.Undefined ? null : data),
            EventJson.Options);

    public static string Serialize(IntegrationEvent integrationEvent) =>
        Serialize(integrationEvent.Id, integrationEvent.Type, integrationEvent.OccurredAt, integrationEvent.TenantSlug, integrationEvent.Data);
}
