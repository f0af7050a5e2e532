using Portico.Crm.Contracts;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Forms;

internal static class ListForms
{
    private static readonly SortFields<WebForm> Sorts = new SortFields<WebForm>("-createdAt")
        .Add("createdAt", f => f.CreatedAt)
        .Add("name", f => f.Name);

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, PublicLinks links)
    {
        public async Task<Page<FormView>> HandleAsync(bool? enabled, PageRequest page, CancellationToken cancellationToken)
        {
            var query = db.Forms.AsNoTracking();
            if (enabled is { } on)
            {
                query = query.Where(f => f.Enabled == on);
            }

            return (await query.ToPageAsync(page, Sorts, cancellationToken)).Map(f => FormView.From(f, links));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/forms", async Task<Ok<Page<FormView>>> (bool? enabled, int? limit, string? cursor, string? sort, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(enabled, PageRequest.From(limit, cursor, sort), ct)))
        .WithName("ListWebForms")
        .WithSummary("The tenant's web forms (filter: enabled; sort: createdAt, name)");
}
