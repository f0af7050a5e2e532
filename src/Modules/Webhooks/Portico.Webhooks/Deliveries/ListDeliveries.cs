using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Webhooks.Deliveries;

internal static class ListDeliveries
{
    internal sealed record Query(string? Status, string? EventType, int? Limit, string? Cursor, string? Sort);

    private static readonly SortFields<WebhookDelivery> Sorts = new SortFields<WebhookDelivery>("-createdAt")
        .Add("createdAt", d => d.CreatedAt);

    [RequiresPermission(WebhooksPermissions.Manage)]
    internal sealed class Handler(WebhooksDbContext db)
    {
        /// <summary>An endpoint's deliveries, newest first, each with its attempts (without the answers' bodies: see the detail).</summary>
        public async Task<Page<DeliveryView>> HandleAsync(Guid endpointId, Query query, CancellationToken cancellationToken)
        {
            if (query.Status is not null && !DeliveryStatus.All.Contains(query.Status))
            {
                throw new BadRequestException($"status must be one of: {string.Join(", ", DeliveryStatus.All)}.", "invalid-filter");
            }

            var page = PageRequest.From(query.Limit, query.Cursor, query.Sort);
            await db.FindEndpointAsync(endpointId, cancellationToken);
            var deliveries = db.Deliveries.AsNoTracking().Where(d => d.EndpointId == endpointId);
            if (query.Status is not null)
            {
                deliveries = deliveries.Where(d => d.Status == query.Status);
            }

            if (!string.IsNullOrWhiteSpace(query.EventType))
            {
                deliveries = deliveries.Where(d => d.EventType == query.EventType);
            }

            var found = await deliveries.ToPageAsync(page, Sorts, cancellationToken);
            var ids = found.Items.Select(d => d.Id).ToList();
            var attempts = (await db.Attempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(cancellationToken))
                .ToLookup(a => a.DeliveryId);
            return found.Map(d => DeliveryView.From(d, attempts[d.Id], detail: false));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/webhooks/{id:guid}/deliveries", async Task<Ok<Page<DeliveryView>>> (Guid id, [AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, query, ct)))
        .WithName("ListWebhookDeliveries")
        .WithSummary("An endpoint's deliveries, newest first, with their attempts (filters: status = pending, succeeded or failed; eventType)");
}
