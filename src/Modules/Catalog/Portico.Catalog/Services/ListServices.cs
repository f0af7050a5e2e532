using Portico.Crm.Contracts;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Catalog.Services;

internal static class ListServices
{
    /// <summary>
    /// <c>q</c> searches both names and the tags; prices are decimal strings in the tenant's currency; <c>archived</c>
    /// false (the default) lists the current services, true the archived ones.
    /// </summary>
    internal sealed record Query(
        string? Q, Guid? CategoryId, string? PriceMin, string? PriceMax, int? DurationMin, int? DurationMax, Guid? StaffId, bool? Bookable,
        bool? Archived, int? Limit, string? Cursor, string? Sort);

    public static readonly SortFields<Service> Sorts = new SortFields<Service>("position")
        .Add("name", s => s.SortName)
        .Add("price", s => s.PriceMinor)
        .Add("duration", s => s.DurationMinutes)
        .Add("position", s => s.Position)
        .Add("createdAt", s => s.CreatedAt);

    [RequiresPermission(CatalogPermissions.Read)]
    internal sealed class Handler(CatalogDbContext db, RequestContext request, ITenantProfiles tenants)
    {
        public async Task<Page<ServiceView>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            var page = PageRequest.From(query.Limit, query.Cursor, query.Sort);
            var services = await FilterAsync(db.Services.AsNoTracking(), query, cancellationToken);
            var found = await services.ToPageAsync(page, Sorts, cancellationToken);
            var ids = found.Items.Select(s => s.Id).ToList();
            var staff = (await db.ServiceStaff.AsNoTracking().Where(m => ids.Contains(m.ServiceId)).ToListAsync(cancellationToken)).ToLookup(m => m.ServiceId);
            var portfolio = (await db.PortfolioImages.AsNoTracking().Where(p => ids.Contains(p.ServiceId)).ToListAsync(cancellationToken)).ToLookup(p => p.ServiceId);
            return found.Map(s => ServiceView.From(s, staff[s.Id], portfolio[s.Id]));
        }

        private async Task<IQueryable<Service>> FilterAsync(IQueryable<Service> services, Query query, CancellationToken cancellationToken)
        {
            var currency = (await tenants.FindAsync(request.TenantId!.Value, cancellationToken))?.Currency ?? "EUR";
            var rules = new Rules();
            var priceMin = MinorUnits.Parse(query.PriceMin, currency, rules, "priceMin");
            var priceMax = MinorUnits.Parse(query.PriceMax, currency, rules, "priceMax");
            if (!rules.IsValid)
            {
                throw new BadRequestException("priceMin and priceMax must be non-negative decimal numbers in the tenant's currency, such as 1500.00.", "invalid-filter");
            }

            if (query.DurationMin is < 0 || query.DurationMax is < 0)
            {
                throw new BadRequestException("durationMin and durationMax must not be negative.", "invalid-filter");
            }

            if (query.Q is { } q && q.Trim().ToLowerInvariant() is { Length: > 0 } text)
            {
                if (text.Length > 200)
                {
                    throw new BadRequestException("q must be at most 200 characters.", "invalid-filter");
                }

                services = services.Where(s => s.SearchText.Contains(text));
            }

            services = query.Archived == true ? services.Where(s => s.ArchivedAt != null) : services.Where(s => s.ArchivedAt == null);
            if (query.CategoryId is { } category)
            {
                // A top-level category lists its subcategories' services too.
                var subcategories = db.Categories.Where(c => c.ParentId == category).Select(c => (Guid?)c.Id);
                services = services.Where(s => s.CategoryId == category || subcategories.Contains(s.CategoryId));
            }

            if (priceMin is { } min)
            {
                // A range or a "from" price matches when any price it allows is within the filter.
                services = services.Where(s => (s.PriceMaxMinor ?? s.PriceMinor) >= min || s.PriceKind == PriceKinds.From);
            }

            if (priceMax is { } max)
            {
                services = services.Where(s => s.PriceMinor <= max);
            }

            if (query.DurationMin is { } shortest)
            {
                services = services.Where(s => s.DurationMinutes >= shortest);
            }

            if (query.DurationMax is { } longest)
            {
                services = services.Where(s => s.DurationMinutes <= longest);
            }

            if (query.StaffId is { } staffId)
            {
                services = services.Where(s => db.ServiceStaff.Any(m => m.ServiceId == s.Id && m.StaffId == staffId));
            }

            if (query.Bookable is { } bookable)
            {
                services = services.Where(s => s.OnlineBookable == bookable);
            }

            return services;
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/catalog/services", async Task<Ok<Page<ServiceView>>> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(query, ct)))
        .WithName("ListServices")
        .WithSummary("Services in keyset pages: q searches names (en, ru) and tags; filters categoryId, priceMin, priceMax, durationMin, durationMax, staffId, bookable, archived; sort name, price, duration, position, createdAt (- for descending)");
}
