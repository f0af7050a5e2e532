namespace Portico.Catalog.Contracts;

/// <summary>
/// The services of the current tenant's catalog as booking needs them (Scheduling, and the workshop's orders later):
/// durations, buffers, prices and deposits, the resource kind and the staff who perform each. Runs for the current
/// tenant; another tenant's id is simply not found.
/// </summary>
public interface ICatalogServices
{
    /// <summary>The services with these ids that exist in the current tenant (archived ones included, flagged).</summary>
    Task<IReadOnlyList<BookableService>> FindAsync(IReadOnlyCollection<Guid> serviceIds, CancellationToken cancellationToken);

    /// <summary>The current services (not archived) in the catalog's order, for pickers: the console calendar and the public booking page.</summary>
    Task<IReadOnlyList<BookableService>> ListAsync(CancellationToken cancellationToken);
}

/// <param name="Id">The service's id.</param>
/// <param name="Name">Names by language (<c>en</c>, <c>ru</c>); at least the tenant's language.</param>
/// <param name="DurationMinutes">The standard duration.</param>
/// <param name="BufferBeforeMinutes">Time kept free before (preparation).</param>
/// <param name="BufferAfterMinutes">Time kept free after (cleaning).</param>
/// <param name="PriceMinor">The price in the tenant's currency, minor units; the lower bound for a "from" price or range.</param>
/// <param name="PriceMaxMinor">The upper bound of a price range, or null.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="DepositMinor">The deposit to take at booking, already computed from a percentage where one is set; null for none.</param>
/// <param name="OnlineBookable">Clients may book it on the public page.</param>
/// <param name="ResourceKind"><c>chair</c>, <c>room</c>, <c>bay</c>, <c>machine</c>, or null when it needs no resource.</param>
/// <param name="Staff">Who performs it, with their own price and duration where they differ; empty means anyone on the staff.</param>
/// <param name="Archived">Archived: kept for history, not bookable.</param>
public sealed record BookableService(
    Guid Id,
    IReadOnlyDictionary<string, string> Name,
    int DurationMinutes,
    int BufferBeforeMinutes,
    int BufferAfterMinutes,
    long PriceMinor,
    long? PriceMaxMinor,
    string Currency,
    long? DepositMinor,
    bool OnlineBookable,
    string? ResourceKind,
    IReadOnlyList<ServiceStaff> Staff,
    bool Archived);

/// <param name="StaffId">A Scheduling staff profile id.</param>
/// <param name="PriceMinor">This person's price, or null for the service's.</param>
/// <param name="DurationMinutes">This person's duration, or null for the service's.</param>
public sealed record ServiceStaff(Guid StaffId, long? PriceMinor, int? DurationMinutes);
