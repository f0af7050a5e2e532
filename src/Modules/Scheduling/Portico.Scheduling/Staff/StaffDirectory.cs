using Portico.Scheduling.Contracts;

namespace Portico.Scheduling.Staff;

/// <summary>The current tenant's staff profiles for other modules (archived ones still exist: their history does).</summary>
internal sealed class StaffDirectory(SchedulingDbContext db) : IStaffDirectory
{
    public async Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> staffIds, CancellationToken cancellationToken)
    {
        if (staffIds.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var ids = staffIds.Distinct().ToList();
        return (await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
    }
}
