using Portico.Crm.Contracts;
using Portico.Data.Events;
using Portico.Kernel.Tenancy;

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
