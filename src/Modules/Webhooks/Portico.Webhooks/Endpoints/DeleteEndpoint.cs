using Portico.Kernel.Tenancy;

namespace Portico.Webhooks.Endpoints;

internal static class DeleteEndpoint
{
    [RequiresPermission(WebhooksPermissions.Manage)]
    internal sealed class Handler(WebhooksDbContext db)
    {
        /// <summary>Removes the endpoint with its delivery history; retries still queued for it find nothing and stop.</summary>
        public async Task HandleAsync(Guid id, long? expectedVersion, CancellationToken cancellationToken)
        {
            var endpoint = await db.FindEndpointAsync(id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, endpoint.Version);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Attempts.Where(a => a.EndpointId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Deliveries.Where(d => d.EndpointId == id).ExecuteDeleteAsync(cancellationToken);
            db.Endpoints.Remove(endpoint);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete("/{tenant}/webhooks/{id:guid}", async Task<NoContent> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, http.Request.ExpectedVersion(), ct);
            return TypedResults.NoContent();
        })
        .WithName("DeleteWebhookEndpoint")
        .WithSummary("Delete a webhook endpoint and its delivery history");
}
