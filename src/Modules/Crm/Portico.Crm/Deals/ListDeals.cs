using Portico.Crm.Contracts;
using Portico.Crm.CustomFields;
using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Deals;

internal static class ListDeals
{
    public static readonly RecordSchema<Deal> Schema = new RecordSchema<Deal>(RecordTypes.Deal, "-createdAt")
        .Field("createdAt", d => d.CreatedAt, sortable: true)
        .Field("updatedAt", d => d.UpdatedAt, sortable: true)
        .Field("title", d => d.Title, sortable: true)
        .Field("stageEnteredAt", d => d.StageEnteredAt, sortable: true)
        .Field("rank", d => d.BoardRank, sortable: true)
        .Money("amount", d => d.AmountMinor, d => d.Currency)
        .Field("currency", d => d.Currency)
        .Field("status", d => d.Status)
        .Field("pipelineId", d => d.PipelineId)
        .Field("stageId", d => d.StageId)
        .Field("assigneeId", d => d.AssigneeId)
        .Field("contactId", d => d.ContactId)
        .Field("expectedCloseOn", d => d.ExpectedCloseOn)
        .Field("closedAt", d => d.ClosedAt);

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, CustomFieldValues fields)
    {
        public async Task<(IQueryable<Deal> Query, SortFields<Deal> Sorts)> QueryAsync(RecordQuery parameters, CancellationToken cancellationToken)
        {
            var query = db.Deals.Matching(db, parameters.Q).AsNoTracking();
            if (await access.RestrictedToAsync(cancellationToken) is { } me)
            {
                query = query.Where(d => d.AssigneeId == me);
            }

            return await Schema.ApplyAsync(query, parameters, fields, cancellationToken);
        }

        public async Task<Page<DealView>> HandleAsync(RecordQuery parameters, PageRequest page, CancellationToken cancellationToken)
        {
            var (query, sorts) = await QueryAsync(parameters, cancellationToken);
            return (await query.ToPageAsync(page, sorts, cancellationToken)).Map(DealView.From);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/deals", async Task<Ok<Page<DealView>>> (Handler handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(RecordQuery.FromQuery(http.Request.Query), http.Request.Page(), ct)))
        .RequirePermission(CrmPermissions.Read)
        .WithName("ListDeals")
        .WithSummary("Deals: q searches titles; filter on any field (field[op]=value, cf.{key}); sort createdAt, updatedAt, title, stageEnteredAt or cf.{key}");
}
