using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Vehicles;

internal static class ListVehicles
{
    /// <param name="Q">A piece of a VIN, plate, make or model; Cyrillic and Latin look-alike letters of plates match each other.</param>
    /// <param name="ContactId">Only this contact's vehicles.</param>
    /// <param name="Archived">True for archived vehicles only; false (the default) for the others.</param>
    /// <param name="Limit">The page size.</param>
    /// <param name="Cursor">The previous page's nextCursor.</param>
    /// <param name="Sort">createdAt or updatedAt, - for descending.</param>
    internal sealed record Query(string? Q, Guid? ContactId, bool? Archived, int? Limit, string? Cursor, string? Sort);

    private static readonly SortFields<Vehicle> Sorts = new SortFields<Vehicle>("-createdAt")
        .Add("createdAt", v => v.CreatedAt)
        .Add("updatedAt", v => v.UpdatedAt);

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        public async Task<Page<VehicleView>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            var page = PageRequest.From(query.Limit, query.Cursor, query.Sort);
            var vehicles = await db.VisibleAsync(access, cancellationToken);
            vehicles = query.Archived == true ? vehicles.Where(v => v.ArchivedAt != null) : vehicles.Where(v => v.ArchivedAt == null);
            if (query.ContactId is { } contactId)
            {
                vehicles = vehicles.Where(v => v.ContactId == contactId);
            }

            if (!string.IsNullOrWhiteSpace(query.Q))
            {
                if (query.Q.Length > 100)
                {
                    throw new BadRequestException("q must be at most 100 characters long.", "invalid-filter");
                }

                var folded = VehicleText.Fold(query.Q.Trim());
                var compact = VehicleText.Compact(folded);
                vehicles = vehicles.Where(v => v.SearchKey.Contains(folded) || v.SearchKey.Contains(compact));
            }

            return (await vehicles.ToPageAsync(page, Sorts, cancellationToken)).Map(VehicleView.From);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/vehicles", async Task<Ok<Page<VehicleView>>> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(query, ct)))
        .WithName("ListVehicles")
        .WithSummary("Vehicles, newest first in keyset pages: q finds a piece of a VIN, plate (А123ВС77 and A123BC77 alike), make or model; filter contactId; archived=true for archived ones; sort createdAt or updatedAt");
}
