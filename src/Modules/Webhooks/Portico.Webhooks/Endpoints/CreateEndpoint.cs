using Microsoft.Extensions.Options;
using Portico.Kernel.Events;
using Portico.Kernel.Http;
using Portico.Kernel.Tenancy;

namespace Portico.Webhooks.Endpoints;

internal static class CreateEndpoint
{
    internal sealed record Request(string? Url, string[]? EventTypes, string? Description, bool? Enabled);

    [RequiresPermission(WebhooksPermissions.Manage)]
    internal sealed class Handler(WebhooksDbContext db, EventCatalog catalog, IOptions<WebhookOptions> options, OutboundPolicy policy, SecretProtector secrets, TimeProvider clock)
    {
        /// <summary>Registers the endpoint with a new signing secret, which the answer shows this once.</summary>
        public async Task<EndpointWithSecret> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            var url = request.Url?.Trim();
            (await new Rules().Required(url, "url").CheckUrlAsync(url, policy, cancellationToken))
                .CheckEventTypes(request.EventTypes, catalog, required: true)
                .CheckDescription(request.Description)
                .ThrowIfInvalid();

            if (await db.Endpoints.CountAsync(cancellationToken) >= options.Value.MaxEndpointsPerTenant)
            {
                throw new ConflictException($"A tenant may register at most {options.Value.MaxEndpointsPerTenant} webhook endpoints.", "too-many-endpoints");
            }

            var secret = EndpointRules.NewSecret();
            var endpoint = new WebhookEndpoint
            {
                Url = url!,
                Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
                EventTypes = EndpointRules.Normalize(request.EventTypes!),
                Secret = secrets.Protect(EndpointSecrets.Purpose, secret)!,
            };
            if (request.Enabled == false)
            {
                endpoint.Disable(clock.GetUtcNow(), EndpointRules.DisabledByMember);
            }
            else
            {
                endpoint.Enable(clock.GetUtcNow());
            }

            db.Endpoints.Add(endpoint);
            await db.SaveChangesAsync(cancellationToken);
            return EndpointWithSecret.From(endpoint, secret);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/webhooks", async Task<Created<EndpointWithSecret>> (Request request, Handler handler, RequestContext context, HttpContext http, CancellationToken ct) =>
        {
            var endpoint = await handler.HandleAsync(request, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(endpoint.Version);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/webhooks/{endpoint.Id}", endpoint);
        })
        .WithName("CreateWebhookEndpoint")
        .WithRequestExample(new { url = "https://example.com/hooks/portico", eventTypes = new List<string> { "contact.created", "lead.created" }, description = "CRM sync", enabled = true })
        .WithSummary("Register an HTTPS endpoint for chosen event types; the answer shows its signing secret once");
}
