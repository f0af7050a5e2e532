using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.Crm.Contracts;

namespace Portico.Crm.Activities;

internal sealed record ActivityView(
    Guid Id, string RecordType, Guid RecordId, string Kind, string? Subject, string? Body, DateTimeOffset? DueAt, bool Done, DateTimeOffset? DoneAt,
    Guid? AssigneeId, string Author, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static ActivityView From(Activity a) => new(
        a.Id, a.RecordType, a.RecordId, a.Kind, a.Subject, a.Body, a.DueAt, a.Done, a.DoneAt, a.AssigneeId, a.Author, a.CreatedAt, a.UpdatedAt, a.Version);
}

internal sealed record ActivityInput(string? RecordType, Guid? RecordId, string? Kind, string? Subject, string? Body, DateTimeOffset? DueAt, bool? Done, Guid? AssigneeId);

internal static class CreateActivity
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, RecordDirectory records, RequestContext context, TimeProvider clock)
    {
        public async Task<ActivityView> HandleAsync(ActivityInput input, CancellationToken cancellationToken)
        {
            var rules = new Rules()
                .Required(input.RecordType, "recordType")
                .Check(input.RecordId is not null, "recordId", "is required.")
                .Required(input.Kind, "kind")
                .OneOf(input.Kind, "kind", Activity.Kinds.Where(k => k != "form_submission").ToArray())
                .Length(input.Subject?.Trim(), "subject", 0, 300)
                .Length(input.Body, "body", 0, 20000)
                .Check(input.Kind is not ("note" or null) || !string.IsNullOrWhiteSpace(input.Body) || !string.IsNullOrWhiteSpace(input.Subject), "body", "is required for a note.");
            await access.CheckMemberAsync(input.AssigneeId, rules, "assigneeId", cancellationToken);
            rules.ThrowIfInvalid();
            await records.EnsureVisibleAsync(input.RecordType!, input.RecordId!.Value, cancellationToken);
            var activity = new Activity
            {
                TenantId = access.TenantId,
                RecordType = input.RecordType!,
                RecordId = input.RecordId.Value,
                Kind = input.Kind!,
                Subject = Clean(input.Subject),
                Body = string.IsNullOrWhiteSpace(input.Body) ? null : input.Body,
                DueAt = input.DueAt,
                Done = input.Done ?? false,
                DoneAt = input.Done == true ? clock.GetUtcNow() : null,
                AssigneeId = input.AssigneeId ?? (input.Kind == "task" ? context.UserId : null),
                Author = context.Actor,
            };
            db.Activities.Add(activity);
            await db.SaveChangesAsync(cancellationToken);
            return ActivityView.From(activity);
        }

        private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/activities", async Task<Created<ActivityView>> (ActivityInput input, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var activity = await handler.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/crm/activities/{activity.Id}", activity);
        })
        .WithName("CreateActivity")
        .WithSummary("Log a note, call, meeting or email, or plan a task, on a contact, lead, deal or custom object record");
}

internal static class UpdateActivity
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, RecordDirectory records, TimeProvider clock)
    {
        public async Task<ActivityView> HandleAsync(Guid id, ActivityInput input, long? expectedVersion, CancellationToken cancellationToken)
        {
            var activity = await db.Activities.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("Activity", id);
            await records.EnsureVisibleAsync(activity.RecordType, activity.RecordId, cancellationToken, "Activity", id);
            ApiConventions.CheckVersion(expectedVersion, activity.Version);
            var rules = new Rules()
                .Check(input.RecordType is null && input.RecordId is null, "recordId", "cannot change; delete the activity and log it on the other record.")
                .OneOf(input.Kind, "kind", Activity.Kinds)
                .Length(input.Subject?.Trim(), "subject", 0, 300)
                .Length(input.Body, "body", 0, 20000);
            await access.CheckMemberAsync(input.AssigneeId, rules, "assigneeId", cancellationToken);
            rules.ThrowIfInvalid();
            activity.Kind = input.Kind ?? activity.Kind;
            activity.Subject = input.Subject is null ? activity.Subject : string.IsNullOrWhiteSpace(input.Subject) ? null : input.Subject.Trim();
            activity.Body = input.Body ?? activity.Body;
            activity.DueAt = input.DueAt ?? activity.DueAt;
            activity.AssigneeId = input.AssigneeId ?? activity.AssigneeId;
            if (input.Done is { } done && done != activity.Done)
            {
                (activity.Done, activity.DoneAt) = (done, done ? clock.GetUtcNow() : null);
            }

            await db.SaveChangesAsync(cancellationToken);
            return ActivityView.From(activity);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/crm/activities/{id:guid}", async Task<Ok<ActivityView>> (Guid id, ActivityInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var activity = await handler.HandleAsync(id, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(activity.Version);
            return TypedResults.Ok(activity);
        })
        .WithName("UpdateActivity")
        .WithSummary("Change an activity, or tick a task done (merge patch)");
}

internal static class DeleteActivity
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, RecordDirectory records)
    {
        public async Task HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var activity = await db.Activities.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("Activity", id);
            await records.EnsureVisibleAsync(activity.RecordType, activity.RecordId, cancellationToken, "Activity", id);
            db.Activities.Remove(activity);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete("/{tenant}/crm/activities/{id:guid}", async Task<NoContent> (Guid id, Handler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, ct);
            return TypedResults.NoContent();
        })
        .WithName("DeleteActivity")
        .WithSummary("Delete an activity");
}

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
