using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Data.Events;

namespace Portico.WorkOrders;

/// <summary>The workshop's share of a tenant purge: repair services and every version of their stage templates.</summary>
internal sealed class WorkOrdersTenantErasure(IServiceScopeFactory scopes, ILogger<WorkOrdersTenantErasure> logger)
    : TenantErasureSubscriber<WorkOrdersDbContext>(scopes, logger)
{
    public override string Name => "workorders.tenant-erasure";
}
