using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Imports;

internal static class ListImports
{
    private static readonly SortFields<ImportJob> Sorts = new SortFields<ImportJob>("-createdAt")
        .Add("createdAt", j => j.CreatedAt);

    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, RequestContext request)
    {
        public async Task<Page<ImportView>> HandleAsync(string? status, string? recordType, PageRequest page, CancellationToken cancellationToken)
        {
            var query = (await ImportJobs.VisibleAsync(db, access, request, cancellationToken)).AsNoTracking();
            if (!string.IsNullOrWhiteSpace(status))
            {
                query = query.Where(j => j.Status == status);
            }

            if (!string.IsNullOrWhiteSpace(recordType))
            {
                query = query.Where(j => j.RecordType == recordType);
            }

            return (await query.ToPageAsync(page, Sorts, cancellationToken)).Map(j => ImportView.From(j));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/imports", async Task<Ok<Page<ImportView>>> (
                string? status, string? recordType, int? limit, string? cursor, string? sort, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(status, recordType, PageRequest.From(limit, cursor, sort), ct)))
        .WithName("ListImports")
        .WithSummary("Imports, newest first (filters: status, recordType)");
}
