using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Leads;

internal static class GetLead
{
    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        public async Task<LeadView> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var lead = await db.FindLeadAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(lead.AssigneeId, "Lead", id, cancellationToken);
            return LeadView.From(lead);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/leads/{id:guid}", async Task<Ok<LeadView>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var lead = await handler.HandleAsync(id, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(lead.Version);
            return TypedResults.Ok(lead);
        })
        .WithName("GetLead")
        .WithSummary("A lead");
}
