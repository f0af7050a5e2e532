using Portico.Catalog.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.WorkOrders.RepairServices;

/// <summary>The console's picker of Catalog services that are not repair services yet (no API route: the Catalog lists services itself).</summary>
internal static class CatalogPicker
{
    internal sealed record Choice(Guid ServiceId, WorkshopText Name);

    [RequiresPermission(WorkOrdersPermissions.Templates)]
    internal sealed class Handler(WorkOrdersDbContext db, ICatalogServices catalog)
    {
        public async Task<List<Choice>> HandleAsync(CancellationToken cancellationToken)
        {
            var services = await catalog.ListAsync(cancellationToken);
            var ids = services.Select(s => s.Id).ToList();
            var taken = (await db.RepairServices.AsNoTracking().Where(s => ids.Contains(s.ServiceId)).Select(s => s.ServiceId).ToListAsync(cancellationToken)).ToHashSet();
            return [.. services.Where(s => !taken.Contains(s.Id)).Select(s => new Choice(s.Id, WorkshopText.From(s.Name)))];
        }
    }
}
