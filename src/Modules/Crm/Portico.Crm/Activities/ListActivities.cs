using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Activities;

internal static class ListActivities
{
    private static readonly SortFields<Activity> Sorts = new SortFields<Activity>("-createdAt")
        .Add("createdAt", a => a.CreatedAt);

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        /// <summary>Activities, filtered; a restricted Employee sees the tasks assigned to them and the activities of records they may see.</summary>
        public async Task<Page<ActivityView>> HandleAsync(string? recordType, Guid? recordId, string? kind, bool? done, Guid? assigneeId, DateTimeOffset? dueBefore, PageRequest page, CancellationToken cancellationToken)
        {
            var query = db.Activities.AsNoTracking();
            query = recordType is null ? query : query.Where(a => a.RecordType == recordType);
            query = recordId is null ? query : query.Where(a => a.RecordId == recordId);
            query = kind is null ? query : query.Where(a => a.Kind == kind);
            query = done is null ? query : query.Where(a => a.Done == done);
            query = assigneeId is null ? query : query.Where(a => a.AssigneeId == assigneeId);
            query = dueBefore is null ? query : query.Where(a => a.DueAt != null && a.DueAt < dueBefore);
            if (await access.RestrictedToAsync(cancellationToken) is { } me)
            {
                query = query.Where(a => a.AssigneeId == me
                    || (a.RecordType == RecordTypes.Contact && db.Contacts.Any(c => c.Id == a.RecordId && c.OwnerId == me))
                    || (a.RecordType == RecordTypes.Lead && db.Leads.Any(l => l.Id == a.RecordId && l.AssigneeId == me))
                    || (a.RecordType == RecordTypes.Deal && db.Deals.Any(d => d.Id == a.RecordId && d.AssigneeId == me)));
            }

            return (await query.ToPageAsync(page, Sorts, cancellationToken)).Map(ActivityView.From);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/activities", async Task<Ok<Page<ActivityView>>> (
                string? recordType, Guid? recordId, string? kind, bool? done, Guid? assigneeId, DateTimeOffset? dueBefore, int? limit, string? cursor, string? sort, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(recordType, recordId, kind, done, assigneeId, dueBefore, PageRequest.From(limit, cursor, sort), ct)))
        .WithName("ListActivities")
        .WithSummary("Activities and tasks (filters: recordType, recordId, kind, done, assigneeId, dueBefore), newest first");
}
