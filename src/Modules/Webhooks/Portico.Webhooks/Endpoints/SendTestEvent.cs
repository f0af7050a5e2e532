using System.Text.Json;
using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.Webhooks.Deliveries;
using Portico.Webhooks.Dispatch;

namespace Portico.Webhooks.Endpoints;

internal static class SendTestEvent
{
    [RequiresPermission(WebhooksPermissions.Manage)]
    internal sealed class Handler(WebhooksDbContext db, Outbox outbox, RequestContext context, TimeProvider clock)
    {
        /// <summary>Queues a signed <c>webhook.test</c> delivery to the endpoint, whatever it subscribes to.</summary>
        public async Task<DeliveryView> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var endpoint = await db.FindEndpointAsync(id, cancellationToken);
            EndpointRules.CheckEnabled(endpoint);
            var now = clock.GetUtcNow();
            var eventId = Guid.CreateVersion7(now);
            var slug = context.TenantSlug ?? throw new InvalidOperationException("A test event is sent from a tenant route.");
            var data = JsonSerializer.SerializeToElement(new { endpointId = endpoint.Id, message = "A test event from Portico. Answer with any 2xx status." }, Kernel.Events.EventJson.Options);
            var delivery = new WebhookDelivery
            {
                EndpointId = endpoint.Id,
                EventId = eventId,
                EventType = WebhookPayload.TestEventType,
                Payload = WebhookPayload.Serialize(eventId, WebhookPayload.TestEventType, now, slug, data),
                AttemptToken = Guid.NewGuid(),
                NextAttemptAt = now,
            };
            db.Deliveries.Add(delivery);
            outbox.Send(new DeliverWebhook(context.RequiredTenantId, slug, delivery.Id, delivery.AttemptToken.Value, Manual: false));
            await outbox.SaveChangesAsync(db, cancellationToken);
            return DeliveryView.From(delivery, [], detail: false);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/webhooks/{id:guid}/test", async Task<Accepted<DeliveryView>> (Guid id, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var delivery = await handler.HandleAsync(id, ct);
            return TypedResults.Accepted($"/api/v1/tenants/{context.TenantSlug}/webhooks/{id}/deliveries/{delivery.Id}", delivery);
        })
        .WithName("SendWebhookTestEvent")
        .WithSummary("Send a webhook.test ping to the endpoint (a normal delivery, with retries and history)");
}
