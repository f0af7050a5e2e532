using Portico.Catalog.Contracts;
using Portico.Scheduling.Appointments;

namespace Portico.Scheduling.Pages;

/// <summary>A staff member as a picker shows them.</summary>
internal sealed record StaffChoice(Guid Id, string Name, string? Color);

/// <summary>
/// The lists the calendar and the booking page pick from: the catalog's current services and the staff who perform a
/// service (on the public page only online-bookable services and bookable staff). Reads only; every decision is the
/// booking use cases'.
/// </summary>
internal sealed class BookingPageData(SchedulingDbContext db, ICatalogServices catalog)
{
    public async Task<IReadOnlyList<BookableService>> ServicesAsync(bool publicOnly, CancellationToken cancellationToken) =>
        [.. (await catalog.ListAsync(cancellationToken)).Where(s => !s.Archived && (!publicOnly || s.OnlineBookable))];

    public async Task<IReadOnlyList<StaffChoice>> StaffAsync(BookableService? service, bool publicOnly, CancellationToken cancellationToken)
    {
        var staff = await db.Staff.AsNoTracking().Where(s => s.ArchivedAt == null && (!publicOnly || s.Bookable))
            .OrderBy(s => s.DisplayName).ThenBy(s => s.Id).Take(500).ToListAsync(cancellationToken);
        return [.. staff.Where(s => service is null || BlockWriter.Performs(s.Id, [service])).Select(s => new StaffChoice(s.Id, s.DisplayName, s.Color))];
    }

    /// <summary>A service's name in <paramref name="language"/>, else in English, else any.</summary>
    public static string NameOf(BookableService service, string language) =>
        service.Name.TryGetValue(language, out var name) && !string.IsNullOrWhiteSpace(name) ? name
        : service.Name.TryGetValue("en", out var en) && !string.IsNullOrWhiteSpace(en) ? en
        : service.Name.Values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "—";
}
