using Portico.Kernel.Http;
using Portico.Kernel.Events;
using Portico.Kernel.Tenancy;

namespace Portico.Webhooks.Endpoints;

internal static class UpdateEndpoint
{
    /// <summary>A merge patch: absent fields stay as they are; an empty description clears it.</summary>
    internal sealed record Request(string? Url, string[]? EventTypes, string? Description, bool? Enabled);

    [RequiresPermission(WebhooksPermissions.Manage)]
    internal sealed class Handler(WebhooksDbContext db, EventCatalog catalog, OutboundPolicy policy, TimeProvider clock)
    {
        public async Task<EndpointView> HandleAsync(Guid id, Request request, long? expectedVersion, CancellationToken cancellationToken)
        {
            var url = request.Url?.Trim();
            (await new Rules().CheckUrlAsync(url, policy, cancellationToken))
                .CheckEventTypes(request.EventTypes, catalog, required: false)
                .CheckDescription(request.Description)
                .ThrowIfInvalid();

            var endpoint = await db.FindEndpointAsync(id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, endpoint.Version);
            endpoint.Url = url ?? endpoint.Url;
            endpoint.EventTypes = request.EventTypes is null ? endpoint.EventTypes : EndpointRules.Normalize(request.EventTypes);
            if (request.Description is not null)
            {
                endpoint.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
            }

            if (request.Enabled == true && !endpoint.Enabled)
            {
                endpoint.Enable(clock.GetUtcNow());
            }
            else if (request.Enabled == false && endpoint.Enabled)
            {
                endpoint.Disable(clock.GetUtcNow(), EndpointRules.DisabledByMember);
            }

            await db.SaveChangesAsync(cancellationToken);
            return EndpointView.From(endpoint);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/webhooks/{id:guid}", async Task<Ok<EndpointView>> (Guid id, Request request, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var endpoint = await handler.HandleAsync(id, request, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(endpoint.Version);
            return TypedResults.Ok(endpoint);
        })
        .WithName("UpdateWebhookEndpoint")
        .WithSummary("Change a webhook endpoint's URL, event types or description, or turn it off and on (send If-Match to avoid lost updates)");
}
