using Portico.Crm.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Forms;

internal static class GetForm
{
    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, PublicLinks links)
    {
        public async Task<FormView> HandleAsync(Guid id, CancellationToken cancellationToken) =>
            FormView.From(await FindAsync(db, id, cancellationToken), links);
    }

    public static async Task<WebForm> FindAsync(CrmDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Forms.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw new NotFoundException("Form", id);

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/forms/{id:guid}", async Task<Ok<FormView>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var form = await handler.HandleAsync(id, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(form.Version);
            return TypedResults.Ok(form);
        })
        .WithName("GetWebForm")
        .WithSummary("A web form, with its embed code and submission count");
}
