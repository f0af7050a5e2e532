using Portico.Catalog.Contracts;
using Portico.Catalog.Services;

namespace Portico.Catalog;

/// <summary>The catalog as booking reads it (<see cref="ICatalogServices"/>): one query for the services, one for their staff.</summary>
internal sealed class CatalogServices(CatalogDbContext db) : ICatalogServices
{
    public async Task<IReadOnlyList<BookableService>> FindAsync(IReadOnlyCollection<Guid> serviceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceIds);
        if (serviceIds.Count == 0)
        {
            return [];
        }

        var ids = serviceIds.Distinct().ToList();
        var services = await db.Services.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken);
        var staff = (await db.ServiceStaff.AsNoTracking().Where(m => ids.Contains(m.ServiceId)).ToListAsync(cancellationToken))
            .ToLookup(m => m.ServiceId);
        return [.. services.Select(s => new BookableService(
            s.Id,
            NamesOf(s),
            s.DurationMinutes,
            s.BufferBeforeMinutes,
            s.BufferAfterMinutes,
            s.PriceMinor,
            s.PriceMaxMinor,
            s.Currency,
            ServiceView.DepositMinorOf(s),
            s.OnlineBookable,
            s.ResourceKind,
            [.. staff[s.Id].OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => new ServiceStaff(m.StaffId, m.PriceMinor, m.DurationMinutes))],
            s.ArchivedAt is not null))];
    }

    public async Task<IReadOnlyList<BookableService>> ListAsync(CancellationToken cancellationToken)
    {
        // A studio's menu is tens of services: ids in the catalog's order, then the same read as FindAsync.
        var ids = await db.Services.AsNoTracking().Where(s => s.ArchivedAt == null)
            .OrderBy(s => s.Position).ThenBy(s => s.SortName).ThenBy(s => s.Id).Select(s => s.Id).Take(500).ToListAsync(cancellationToken);
        var found = (await FindAsync(ids, cancellationToken)).ToDictionary(s => s.Id);
        return [.. ids.Where(found.ContainsKey).Select(id => found[id])];
    }

    private static Dictionary<string, string> NamesOf(Service s)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (s.NameEn is { } en)
        {
            names["en"] = en;
        }

        if (s.NameRu is { } ru)
        {
            names["ru"] = ru;
        }

        return names;
    }
}
