using Portico.Data;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders.RepairServices;
using Portico.WorkOrders.Templates;

namespace Portico.WorkOrders;

[ModuleSchema("workorders")]
internal sealed class WorkOrdersDbContext(DbContextOptions<WorkOrdersDbContext> options, RequestContext request) : ModuleDbContext(options, request)
{
    public DbSet<RepairService> RepairServices => Set<RepairService>();

    public DbSet<StageChainVersion> StageChainVersions => Set<StageChainVersion>();

    /// <summary>The current tenant's repair service for a Catalog service id; another tenant's is a 404 like an unknown one.</summary>
    public async Task<RepairService> FindRepairServiceAsync(Guid serviceId, CancellationToken cancellationToken) =>
        await RepairServices.FirstOrDefaultAsync(s => s.ServiceId == serviceId, cancellationToken) ?? throw new NotFoundException("RepairService", serviceId);
}

/// <summary>For <c>dotnet ef migrations add</c>; see scripts/add-migration.sh.</summary>
internal sealed class WorkOrdersDesignTimeFactory : ModuleDesignTimeFactory<WorkOrdersDbContext>;
