using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Data.Events;

namespace Portico.Webhooks.Endpoints;

/// <summary>Webhooks' share of a tenant purge: endpoints (with their encrypted secrets), deliveries and attempts.</summary>
internal sealed class WebhooksTenantErasure(IServiceScopeFactory scopes, ILogger<WebhooksTenantErasure> logger)
    : TenantErasureSubscriber<WebhooksDbContext>(scopes, logger)
{
    public override string Name => "webhooks.tenant-erasure";
}
