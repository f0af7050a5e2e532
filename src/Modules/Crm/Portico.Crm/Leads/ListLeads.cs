using Portico.Crm.Contracts;
using Portico.Crm.CustomFields;
using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Leads;

internal static class ListLeads
{
    public static readonly RecordSchema<Lead> Schema = new RecordSchema<Lead>(RecordTypes.Lead, "-createdAt")
        .Field("createdAt", l => l.CreatedAt, sortable: true)
        .Field("updatedAt", l => l.UpdatedAt, sortable: true)
        .Field("title", l => l.Title, sortable: true)
        .Field("stageEnteredAt", l => l.StageEnteredAt, sortable: true)
        .Field("rank", l => l.BoardRank, sortable: true)
        .Money("value", l => l.ValueMinor, l => l.Currency)
        .Field("currency", l => l.Currency)
        .Field("source", l => l.Source)
        .Field("priority", l => l.Priority)
        .Field("pipelineId", l => l.PipelineId)
        .Field("stageId", l => l.StageId)
        .Field("assigneeId", l => l.AssigneeId)
        .Field("contactId", l => l.ContactId)
        .Field("formId", l => l.FormId)
        .Field("email", l => l.Email)
        .Field("phone", l => l.Phone)
        .Field("companyName", l => l.CompanyName)
        .Field("convertedAt", l => l.ConvertedAt);

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, CustomFieldValues fields)
    {
        public async Task<(IQueryable<Lead> Query, SortFields<Lead> Sorts)> QueryAsync(RecordQuery parameters, CancellationToken cancellationToken)
        {
            var query = db.Leads.Matching(db, parameters.Q).AsNoTracking();
            if (await access.RestrictedToAsync(cancellationToken) is { } me)
            {
                query = query.Where(l => l.AssigneeId == me);
            }

            return await Schema.ApplyAsync(query, parameters, fields, cancellationToken);
        }

        public async Task<Page<LeadView>> HandleAsync(RecordQuery parameters, PageRequest page, CancellationToken cancellationToken)
        {
            var (query, sorts) = await QueryAsync(parameters, cancellationToken);
            return (await query.ToPageAsync(page, sorts, Shown, cancellationToken)).Map(LeadView.From);
        }

        // What a list shows (LeadView) plus the board rank it can sort by: not the search text or the import key.
        private static readonly System.Linq.Expressions.Expression<Func<Lead, Lead>> Shown = l => new Lead
        {
            Id = l.Id, TenantId = l.TenantId, Title = l.Title, ContactId = l.ContactId, ContactName = l.ContactName, Email = l.Email,
            Phone = l.Phone, CompanyName = l.CompanyName, Source = l.Source, FormId = l.FormId, PipelineId = l.PipelineId, StageId = l.StageId,
            StageEnteredAt = l.StageEnteredAt, BoardRank = l.BoardRank, Priority = l.Priority, ValueMinor = l.ValueMinor, Currency = l.Currency,
            AssigneeId = l.AssigneeId, FormData = l.FormData, CustomFields = l.CustomFields, ConvertedAt = l.ConvertedAt, DealId = l.DealId,
            CreatedAt = l.CreatedAt, UpdatedAt = l.UpdatedAt, Version = l.Version,
        };
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/leads", async Task<Ok<Page<LeadView>>> (Handler handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(RecordQuery.FromQuery(http.Request.Query), http.Request.Page(), ct)))
        .RequirePermission(CrmPermissions.Read)
        .WithName("ListLeads")
        .WithSummary("Leads: q searches titles, names, emails and phones; filter on any field (field[op]=value, cf.{key}); sort createdAt, updatedAt, title, stageEnteredAt or cf.{key}");
}
