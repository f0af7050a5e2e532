namespace Portico.Webhooks.Dispatch;

// Messages of the webhook queues. Public because the message bus generates code that names them;
// nothing outside this module sends them.

/// <summary>Make the next attempt of a delivery; does nothing unless <paramref name="AttemptToken"/> is still the delivery's.</summary>
public sealed record DeliverWebhook(Guid TenantId, string TenantSlug, Guid DeliveryId, Guid AttemptToken, bool Manual);

/// <summary>Email the tenant's Owners that an endpoint was disabled after failing too long.</summary>
public sealed record NotifyWebhookDisabled(Guid TenantId, string TenantSlug, Guid EndpointId);
