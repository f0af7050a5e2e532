using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Data.Events;

namespace Portico.Scheduling;

/// <summary>
/// Scheduling's share of a tenant purge: every table of <see cref="SchedulingDbContext"/> (staff, resources, hours,
/// overrides, time off, holidays, booking settings, appointments and their blocks, outside busy times, calendar
/// connections) holding the tenant's rows.
/// </summary>
internal sealed class SchedulingTenantErasure(IServiceScopeFactory scopes, ILogger<SchedulingTenantErasure> logger)
    : TenantErasureSubscriber<SchedulingDbContext>(scopes, logger)
{
    public override string Name => "scheduling.tenant-erasure";
}
