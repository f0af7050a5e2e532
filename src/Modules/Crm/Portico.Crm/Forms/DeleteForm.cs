using Portico.Crm.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Forms;

internal static class DeleteForm
{
    [RequiresPermission(CrmPermissions.Settings)]
    internal sealed class Handler(CrmDbContext db)
    {
        /// <summary>Removes the form; its leads stay and keep its id as where they came from.</summary>
        public async Task HandleAsync(Guid id, long? expectedVersion, CancellationToken cancellationToken)
        {
            var form = await GetForm.FindAsync(db, id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, form.Version);
            db.Forms.Remove(form);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete("/{tenant}/crm/forms/{id:guid}", async Task<NoContent> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, http.Request.ExpectedVersion(), ct);
            return TypedResults.NoContent();
        })
        .WithName("DeleteWebForm")
        .WithSummary("Delete a web form: its embed code stops working at once; the leads it brought stay");
}
