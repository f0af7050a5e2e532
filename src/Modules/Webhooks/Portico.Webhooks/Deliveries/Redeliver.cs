using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.Webhooks.Dispatch;
using Portico.Webhooks.Endpoints;

namespace Portico.Webhooks.Deliveries;

internal static class Redeliver
{
    [RequiresPermission(WebhooksPermissions.Manage)]
    internal sealed class Handler(WebhooksDbContext db, Outbox outbox, RequestContext context, TimeProvider clock)
    {
        /// <summary>
        /// Queues an attempt now, whatever the delivery's state (even after it succeeded or gave up). It takes
        /// the place of a scheduled retry; if it fails and retries remain, the schedule goes on from there.
        /// </summary>
        public async Task<DeliveryView> HandleAsync(Guid endpointId, Guid deliveryId, CancellationToken cancellationToken)
        {
            var endpoint = await db.FindEndpointAsync(endpointId, cancellationToken);
            var delivery = await db.FindDeliveryAsync(endpointId, deliveryId, cancellationToken);
            EndpointRules.CheckEnabled(endpoint);
            delivery.Status = DeliveryStatus.Pending;
            delivery.AttemptToken = Guid.NewGuid();
            delivery.ClaimedAt = null;
            delivery.NextAttemptAt = clock.GetUtcNow();
            var slug = context.TenantSlug ?? throw new InvalidOperationException("A redelivery is asked for from a tenant route.");
            outbox.Send(new DeliverWebhook(context.RequiredTenantId, slug, delivery.Id, delivery.AttemptToken.Value, Manual: true));
            await outbox.SaveChangesAsync(db, cancellationToken);
            var attempts = await db.Attempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).ToListAsync(cancellationToken);
            return DeliveryView.From(delivery, attempts, detail: false);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/webhooks/{id:guid}/deliveries/{deliveryId:guid}/redeliver", async Task<Accepted<DeliveryView>> (Guid id, Guid deliveryId, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var delivery = await handler.HandleAsync(id, deliveryId, ct);
            return TypedResults.Accepted($"/api/v1/tenants/{context.TenantSlug}/webhooks/{id}/deliveries/{deliveryId}", delivery);
        })
        .WithName("RedeliverWebhook")
        .WithSummary("Send a delivery again now, even after it succeeded or gave up");
}
