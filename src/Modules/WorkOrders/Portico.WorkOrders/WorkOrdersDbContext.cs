using Portico.Data;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders.Orders;
using Portico.WorkOrders.RepairServices;
using Portico.WorkOrders.Templates;

namespace Portico.WorkOrders;

[ModuleSchema("workorders")]
internal sealed class WorkOrdersDbContext(DbContextOptions<WorkOrdersDbContext> options, RequestContext request) : ModuleDbContext(options, request)
{
    public DbSet<RepairService> RepairServices => Set<RepairService>();

    public DbSet<StageChainVersion> StageChainVersions => Set<StageChainVersion>();

    public DbSet<WorkOrder> Orders => Set<WorkOrder>();

    public DbSet<WorkOrderLine> Lines => Set<WorkOrderLine>();

    public DbSet<WorkOrderStage> Stages => Set<WorkOrderStage>();

    public DbSet<WorkOrderPart> Parts => Set<WorkOrderPart>();

    public DbSet<WorkOrderEntry> Entries => Set<WorkOrderEntry>();

    /// <summary>The current tenant's repair service for a Catalog service id; another tenant's is a 404 like an unknown one.</summary>
    public async Task<RepairService> FindRepairServiceAsync(Guid serviceId, CancellationToken cancellationToken) =>
        await RepairServices.FirstOrDefaultAsync(s => s.ServiceId == serviceId, cancellationToken) ?? throw new NotFoundException("RepairService", serviceId);

    /// <summary>Saves, keeping the stages' queue columns true first (<see cref="QueueFields"/>).</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await QueueFields.ApplyAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The current tenant's work order; another tenant's is a 404 like an unknown one.</summary>
    public async Task<WorkOrder> FindOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        await Orders.FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken) ?? throw new NotFoundException("WorkOrder", orderId);
}

/// <summary>For <c>dotnet ef migrations add</c>; see scripts/add-migration.sh.</summary>
internal sealed class WorkOrdersDesignTimeFactory : ModuleDesignTimeFactory<WorkOrdersDbContext>;
