using Portico.Data;
using Portico.Kernel.Tenancy;
using Portico.Webhooks.Deliveries;
using Portico.Webhooks.Endpoints;

namespace Portico.Webhooks;

[ModuleSchema("webhooks")]
internal sealed class WebhooksDbContext(DbContextOptions<WebhooksDbContext> options, RequestContext request) : ModuleDbContext(options, request)
{
    public DbSet<WebhookEndpoint> Endpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> Deliveries => Set<WebhookDelivery>();

    public DbSet<WebhookAttempt> Attempts => Set<WebhookAttempt>();

    /// <summary>The current tenant's endpoint; another tenant's id is a 404 like an unknown one.</summary>
    public async Task<WebhookEndpoint> FindEndpointAsync(Guid id, CancellationToken cancellationToken) =>
        await Endpoints.FirstOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw new NotFoundException("Webhook endpoint", id);

    /// <summary>A delivery of that endpoint of the current tenant.</summary>
    public async Task<WebhookDelivery> FindDeliveryAsync(Guid endpointId, Guid deliveryId, CancellationToken cancellationToken) =>
        await Deliveries.FirstOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == endpointId, cancellationToken)
        ?? throw new NotFoundException("Webhook delivery", deliveryId);
}

/// <summary>For <c>dotnet ef migrations add</c>; see scripts/add-migration.sh.</summary>
internal sealed class WebhooksDesignTimeFactory : ModuleDesignTimeFactory<WebhooksDbContext>;
