using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Activities;

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
