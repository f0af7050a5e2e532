using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Activities;

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
