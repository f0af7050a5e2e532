using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Data.Events;

namespace Portico.Realtime;

/// <summary>Realtime's share of a tenant purge: the tenant's event stream rows.</summary>
internal sealed class RealtimeTenantErasure(IServiceScopeFactory scopes, ILogger<RealtimeTenantErasure> logger)
    : TenantErasureSubscriber<RealtimeDbContext>(scopes, logger)
{
    public override string Name => "realtime.tenant-erasure";
}
