using Portico.Crm.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Pipelines;

internal static class DeletePipeline
{
    [RequiresPermission(CrmPermissions.Settings)]
    internal sealed class Handler(CrmDbContext db)
    {
        public async Task HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var pipeline = await db.FindPipelineAsync(id, cancellationToken);
            if (await db.Leads.AnyAsync(l => l.PipelineId == id, cancellationToken) || await db.Deals.AnyAsync(d => d.PipelineId == id, cancellationToken))
            {
                throw new ConflictException("The pipeline still holds records. Move them to another pipeline first.", "pipeline-not-empty");
            }

            db.Pipelines.Remove(pipeline);
            if (pipeline.IsDefault && await db.Pipelines.Where(p => p.RecordType == pipeline.RecordType && p.Id != id).OrderBy(p => p.Position).FirstOrDefaultAsync(cancellationToken) is { } next)
            {
                next.IsDefault = true;
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete("/{tenant}/crm/pipelines/{id:guid}", async Task<NoContent> (Guid id, Handler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, ct);
            return TypedResults.NoContent();
        })
        .WithName("DeletePipeline")
        .WithSummary("Delete an empty pipeline (409 while it holds leads or deals)");
}
