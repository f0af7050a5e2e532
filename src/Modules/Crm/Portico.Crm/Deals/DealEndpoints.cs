using Portico.Crm.CustomFields;
using Portico.Crm.Records;
using Portico.Data.Events;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.Crm.Contracts;

namespace Portico.Crm.Deals;

internal static class CreateDeal
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, DealWriter writer, Outbox outbox)
    {
        public async Task<DealView> HandleAsync(DealInput input, CancellationToken cancellationToken)
        {
            var deal = await writer.AddAsync(input, leadId: null, cancellationToken);
            await outbox.SaveChangesAsync(db, cancellationToken);
            return DealView.From(deal);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/deals", async Task<Created<DealView>> (DealInput input, Handler handler, RequestContext context, HttpContext http, CancellationToken ct) =>
        {
            var deal = await handler.HandleAsync(input, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(deal.Version);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/crm/deals/{deal.Id}", deal);
        })
        .WithName("CreateDeal")
        .WithSummary("Create a deal in a pipeline (the default deal pipeline's first stage when none is given); raises deal.created");
}

internal static class GetDeal
{
    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        public async Task<DealView> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var deal = await db.FindDealAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(deal.AssigneeId, "Deal", id, cancellationToken);
            return DealView.From(deal);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/deals/{id:guid}", async Task<Ok<DealView>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var deal = await handler.HandleAsync(id, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(deal.Version);
            return TypedResults.Ok(deal);
        })
        .WithName("GetDeal")
        .WithSummary("A deal");
}

internal static class UpdateDeal
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, DealWriter writer)
    {
        public async Task<DealView> HandleAsync(Guid id, DealInput input, long? expectedVersion, CancellationToken cancellationToken)
        {
            var deal = await db.FindDealAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(deal.AssigneeId, "Deal", id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, deal.Version);
            await writer.UpdateAsync(deal, input, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return DealView.From(deal);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/crm/deals/{id:guid}", async Task<Ok<DealView>> (Guid id, DealInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var deal = await handler.HandleAsync(id, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(deal.Version);
            return TypedResults.Ok(deal);
        })
        .WithName("UpdateDeal")
        .WithSummary("Change a deal (merge patch; the stage changes through move; send If-Match to avoid lost updates)");
}

internal static class DeleteDeal
{
    [RequiresPermission(CrmPermissions.Delete)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        public async Task HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var deal = await db.FindDealAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(deal.AssigneeId, "Deal", id, cancellationToken);
            db.Activities.RemoveRange(await db.Activities.Where(a => a.RecordId == id).ToListAsync(cancellationToken));
            db.Deals.Remove(deal);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete("/{tenant}/crm/deals/{id:guid}", async Task<NoContent> (Guid id, Handler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, ct);
            return TypedResults.NoContent();
        })
        .WithName("DeleteDeal")
        .WithSummary("Delete a deal and its activities");
}

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
