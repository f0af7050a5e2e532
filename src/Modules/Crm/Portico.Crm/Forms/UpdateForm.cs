using Portico.Crm.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Forms;

internal static class UpdateForm
{
    [RequiresPermission(CrmPermissions.Settings)]
    internal sealed class Handler(CrmDbContext db, FormWriter writer, PublicLinks links)
    {
        public async Task<FormView> HandleAsync(Guid id, FormInput input, long? expectedVersion, CancellationToken cancellationToken)
        {
            var form = await GetForm.FindAsync(db, id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, form.Version);
            await writer.ApplyAsync(form, input, creating: false, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return FormView.From(form, links);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/crm/forms/{id:guid}", async Task<Ok<FormView>> (Guid id, FormInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var form = await handler.HandleAsync(id, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(form.Version);
            return TypedResults.Ok(form);
        })
        .WithName("UpdateWebForm")
        .WithSummary("Change a web form (merge patch; the empty id clears pipelineId, stageId or assigneeId; send If-Match to avoid lost updates)");
}
