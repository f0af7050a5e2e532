using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Leads;

internal static class DeleteLead
{
    [RequiresPermission(CrmPermissions.Delete)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        public async Task HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var lead = await db.FindLeadAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(lead.AssigneeId, "Lead", id, cancellationToken);
            db.Activities.RemoveRange(await db.Activities.Where(a => a.RecordId == id).ToListAsync(cancellationToken));
            db.Leads.Remove(lead);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete("/{tenant}/crm/leads/{id:guid}", async Task<NoContent> (Guid id, Handler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, ct);
            return TypedResults.NoContent();
        })
        .WithName("DeleteLead")
        .WithSummary("Delete a lead and its activities");
}
