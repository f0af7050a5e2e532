using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.WorkOrders.Reports;

/// <summary>What every report needs about the tenant: its profile (time zone, currency, language) and the period asked for.</summary>
internal sealed class ReportScope(RequestContext request, ITenantProfiles tenants, TimeProvider clock)
{
    private TenantProfile? _profile;

    public async Task<TenantProfile> ProfileAsync(CancellationToken cancellationToken) =>
        _profile ??= await tenants.FindAsync(request.RequiredTenantId, cancellationToken) ?? throw new NotFoundException("Tenant", request.RequiredTenantId);

    public async Task<ReportPeriod> PeriodAsync(ReportQuery query, CancellationToken cancellationToken) =>
        ReportPeriod.Of(query, await ProfileAsync(cancellationToken), clock.GetUtcNow());

    public DateTimeOffset Now => clock.GetUtcNow();

    public string? TenantSlug => request.TenantSlug;
}
