using Portico.Crm.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Leads;

internal static class CreateLead
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(LeadIntake intake)
    {
        public async Task<LeadView> HandleAsync(LeadInput input, CancellationToken cancellationToken) =>
            LeadView.From(await intake.CreateAsync(input, "manual", cancellationToken));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/leads", async Task<Created<LeadView>> (LeadInput input, Handler handler, RequestContext context, HttpContext http, CancellationToken ct) =>
        {
            var lead = await handler.HandleAsync(input, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(lead.Version);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/crm/leads/{lead.Id}", lead);
        })
        .WithName("CreateLead")
        .WithRequestExample(new { title = "Wedding make-up for 4", contactName = "Anna Petrova", email = "anna@example.com", phone = "+79161234567", source = "instagram", priority = "high", value = new { amount = "15000.00", currency = "RUB" } })
        .WithSummary("Create a lead; an email or phone of an existing contact links it to that contact; raises lead.created (real time new-lead)");
}
