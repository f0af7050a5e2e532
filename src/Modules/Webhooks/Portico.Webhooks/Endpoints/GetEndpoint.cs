using Portico.Kernel.Tenancy;

namespace Portico.Webhooks.Endpoints;

internal static class GetEndpoint
{
    [RequiresPermission(WebhooksPermissions.Manage)]
    internal sealed class Handler(WebhooksDbContext db)
    {
        public async Task<EndpointView> HandleAsync(Guid id, CancellationToken cancellationToken) =>
            EndpointView.From(await db.FindEndpointAsync(id, cancellationToken));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/webhooks/{id:guid}", async Task<Ok<EndpointView>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var endpoint = await handler.HandleAsync(id, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(endpoint.Version);
            return TypedResults.Ok(endpoint);
        })
        .WithName("GetWebhookEndpoint")
        .WithSummary("A webhook endpoint (without its secret)");
}
