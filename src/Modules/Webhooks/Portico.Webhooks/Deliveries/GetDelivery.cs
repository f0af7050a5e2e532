using Portico.Kernel.Tenancy;

namespace Portico.Webhooks.Deliveries;

internal static class GetDelivery
{
    [RequiresPermission(WebhooksPermissions.Manage)]
    internal sealed class Handler(WebhooksDbContext db)
    {
        public async Task<DeliveryView> HandleAsync(Guid endpointId, Guid deliveryId, CancellationToken cancellationToken)
        {
            var delivery = await db.FindDeliveryAsync(endpointId, deliveryId, cancellationToken);
            var attempts = await db.Attempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).ToListAsync(cancellationToken);
            return DeliveryView.From(delivery, attempts, detail: true);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/webhooks/{id:guid}/deliveries/{deliveryId:guid}", async Task<Ok<DeliveryView>> (Guid id, Guid deliveryId, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, deliveryId, ct)))
        .WithName("GetWebhookDelivery")
        .WithSummary("A delivery with the body it sends and every attempt with the receiver's status code and answer");
}
