using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Webhooks.Endpoints;

internal static class ListEndpoints
{
    private static readonly SortFields<WebhookEndpoint> Sorts = new SortFields<WebhookEndpoint>("createdAt")
        .Add("createdAt", e => e.CreatedAt)
        .Add("url", e => e.Url);

    [RequiresPermission(WebhooksPermissions.Manage)]
    internal sealed class Handler(WebhooksDbContext db)
    {
        public async Task<Page<EndpointView>> HandleAsync(bool? enabled, PageRequest page, CancellationToken cancellationToken)
        {
            var query = db.Endpoints.AsNoTracking();
            if (enabled is { } on)
            {
                query = query.Where(e => e.Enabled == on);
            }

            return (await query.ToPageAsync(page, Sorts, cancellationToken)).Map(EndpointView.From);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/webhooks", async Task<Ok<Page<EndpointView>>> (bool? enabled, int? limit, string? cursor, string? sort, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(enabled, PageRequest.From(limit, cursor, sort), ct)))
        .WithName("ListWebhookEndpoints")
        .WithSummary("The tenant's webhook endpoints (filter: enabled; sort: createdAt, url)");
}
