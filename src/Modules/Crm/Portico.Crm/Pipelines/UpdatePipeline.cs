using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Pipelines;

internal static class UpdatePipeline
{
    internal sealed record Request(string? Name, bool? IsDefault, List<StageInput>? Stages);

    [RequiresPermission(CrmPermissions.Settings)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        /// <summary>Renames the pipeline and rewrites its stages: the list is the new order; stages left out are removed unless they hold records (409).</summary>
        public async Task<PipelineView> HandleAsync(Guid id, Request request, long? expectedVersion, CancellationToken cancellationToken)
        {
            new Rules()
                .Length(request.Name?.Trim(), "name", 1, 100)
                .Check(request.IsDefault is not false, "isDefault", "cannot be switched off: make another pipeline the default instead.")
                .CheckStages(request.Stages, required: false)
                .ThrowIfInvalid();
            var pipeline = await db.FindPipelineAsync(id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, pipeline.Version);
            pipeline.Name = request.Name?.Trim() ?? pipeline.Name;
            if (request.IsDefault == true && !pipeline.IsDefault)
            {
                await db.Pipelines.Where(p => p.RecordType == pipeline.RecordType && p.Id != id).ForEachAsync(p => p.IsDefault = false, cancellationToken);
                pipeline.IsDefault = true;
            }

            if (request.Stages is { } stages)
            {
                var unknown = stages.Where(s => s.Id is { } sid && pipeline.Stages.All(x => x.Id != sid)).Select(s => s.Id).ToList();
                if (unknown.Count > 0)
                {
                    throw ValidationException.For("stages", $"lists stages that are not in this pipeline: {string.Join(", ", unknown)}.");
                }

                var removed = pipeline.Stages.Where(s => stages.All(x => x.Id != s.Id)).ToList();
                var removedIds = removed.Select(s => s.Id).ToList();
                if (removedIds.Count > 0 && (await db.Leads.AnyAsync(l => removedIds.Contains(l.StageId), cancellationToken) || await db.Deals.AnyAsync(d => removedIds.Contains(d.StageId), cancellationToken)))
                {
                    throw new ConflictException("A stage being removed still holds records. Move them to another stage first.", "stage-not-empty");
                }

                removed.ForEach(s => pipeline.Stages.Remove(s));
                db.Stages.RemoveRange(removed);
                for (var i = 0; i < stages.Count; i++)
                {
                    var input = stages[i];
                    var stage = input.Id is { } sid ? pipeline.Stages.First(s => s.Id == sid) : null;
                    if (stage is null)
                    {
                        stage = new Stage { TenantId = access.TenantId, PipelineId = pipeline.Id, Name = input.Name!.Trim() };
                        pipeline.Stages.Add(stage);
                    }

                    stage.Name = input.Name!.Trim();
                    stage.Kind = input.Kind ?? stage.Kind;
                    stage.Color = input.Color ?? stage.Color;
                    stage.Position = i;
                }
            }

            pipeline.UpdatedAt = DateTimeOffset.UtcNow; // a stage-only change still bumps the pipeline's version
            await db.SaveChangesAsync(cancellationToken);
            return PipelineView.From(pipeline);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/crm/pipelines/{id:guid}", async Task<Ok<PipelineView>> (Guid id, Request request, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var pipeline = await handler.HandleAsync(id, request, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(pipeline.Version);
            return TypedResults.Ok(pipeline);
        })
        .WithName("UpdatePipeline")
        .WithSummary("Rename a pipeline, make it the default, or rename, reorder, add and remove its stages (the list is the new order)");
}
