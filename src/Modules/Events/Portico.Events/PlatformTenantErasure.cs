using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Data;
using Portico.Data.Events;

namespace Portico.Events;

/// <summary>
/// The platform tables' share of a tenant purge: parked events and platform audit rows. The event log itself is
/// left to its retention (24 hours), so every subscriber still reads <c>tenant.purged</c>.
/// </summary>
internal sealed class PlatformTenantErasure(IServiceScopeFactory scopes, ILogger<PlatformTenantErasure> logger)
    : TenantErasureSubscriber<PlatformDbContext>(scopes, logger)
{
    public override string Name => "platform.tenant-erasure";
}
