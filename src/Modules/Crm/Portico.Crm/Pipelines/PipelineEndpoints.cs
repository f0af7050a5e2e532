using Portico.Crm.Records;
using Portico.Kernel.Tenancy;
using Portico.Crm.Contracts;

namespace Portico.Crm.Pipelines;

/// <summary>A pipeline and its stages in order, as the API shows them.</summary>
internal sealed record PipelineView(Guid Id, string Name, string RecordType, int Position, bool IsDefault, IReadOnlyList<StageView> Stages, long Version)
{
    public static PipelineView From(Pipeline p) => new(
        p.Id, p.Name, p.RecordType, p.Position, p.IsDefault, p.Stages.OrderBy(s => s.Position).Select(StageView.From).ToList(), p.Version);
}

internal sealed record StageView(Guid Id, string Name, string Kind, int Position, string? Color)
{
    public static StageView From(Stage s) => new(s.Id, s.Name, s.Kind, s.Position, s.Color);
}

/// <summary>A stage in a pipeline write: with an id it is an existing stage (renamed, reordered), without one a new stage.</summary>
internal sealed record StageInput(Guid? Id, string? Name, string? Kind, string? Color);

internal static class PipelineRules
{
    public static Rules CheckStages(this Rules rules, IReadOnlyList<StageInput>? stages, bool required)
    {
        if (stages is null)
        {
            return rules.Check(!required, "stages", "are required: at least one stage.");
        }

        rules.Check(stages.Count is >= 1 and <= 30, "stages", "must be 1 to 30 stages.");
        for (var i = 0; i < stages.Count; i++)
        {
            rules.Required(stages[i].Name, $"stages[{i}].name")
                .Length(stages[i].Name?.Trim(), $"stages[{i}].name", 1, 100)
                .OneOf(stages[i].Kind, $"stages[{i}].kind", StageKinds.All)
                .Check(stages[i].Color is null || System.Text.RegularExpressions.Regex.IsMatch(stages[i].Color!, "^#[0-9A-Fa-f]{6}$"), $"stages[{i}].color", "must be a hex colour such as #4F46E5.");
        }

        return rules.Check(stages.Where(s => s.Id is not null).GroupBy(s => s.Id).All(g => g.Count() == 1), "stages", "must not list a stage twice.");
    }
}

internal static class ListPipelines
{
    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, DefaultPipelines defaults)
    {
        public async Task<IReadOnlyList<PipelineView>> HandleAsync(string? recordType, CancellationToken cancellationToken)
        {
            new Rules().OneOf(recordType, "recordType", [RecordTypes.Lead, RecordTypes.Deal]).ThrowIfInvalid();
            await defaults.EnsureAsync(cancellationToken);
            var pipelines = await db.Pipelines.AsNoTracking().Include(p => p.Stages)
                .Where(p => recordType == null || p.RecordType == recordType)
                .OrderBy(p => p.RecordType).ThenBy(p => p.Position).ThenBy(p => p.Id)
                .ToListAsync(cancellationToken);
            return pipelines.Select(PipelineView.From).ToList();
        }
    }

    internal sealed record Result(IReadOnlyList<PipelineView> Items);

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/pipelines", async Task<Ok<Result>> (string? recordType, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(new Result(await handler.HandleAsync(recordType, ct))))
        .WithName("ListPipelines")
        .WithSummary("The tenant's lead and deal pipelines with their stages (defaults for the tenant's vertical and language are created on first use)");
}

internal static class CreatePipeline
{
    internal sealed record Request(string? Name, string? RecordType, bool? IsDefault, List<StageInput>? Stages);

    [RequiresPermission(CrmPermissions.Settings)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, DefaultPipelines defaults)
    {
        public async Task<PipelineView> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            new Rules()
                .Required(request.Name, "name").Length(request.Name?.Trim(), "name", 1, 100)
                .Required(request.RecordType, "recordType").OneOf(request.RecordType, "recordType", [RecordTypes.Lead, RecordTypes.Deal])
                .CheckStages(request.Stages, required: true)
                .Check(request.Stages?.All(s => s.Id is null) ?? true, "stages", "of a new pipeline have no ids.")
                .ThrowIfInvalid();
            await defaults.EnsureAsync(cancellationToken);
            var siblings = await db.Pipelines.Where(p => p.RecordType == request.RecordType).ToListAsync(cancellationToken);
            var pipeline = new Pipeline
            {
                TenantId = access.TenantId,
                Name = request.Name!.Trim(),
                RecordType = request.RecordType!,
                Position = siblings.Count == 0 ? 0 : siblings.Max(p => p.Position) + 1,
                IsDefault = request.IsDefault == true || siblings.Count == 0,
            };
            pipeline.Stages.AddRange(request.Stages!.Select((s, i) => new Stage
            {
                TenantId = access.TenantId, PipelineId = pipeline.Id, Name = s.Name!.Trim(), Kind = s.Kind ?? StageKinds.Open, Position = i, Color = s.Color,
            }));
            if (pipeline.IsDefault)
            {
                siblings.ForEach(p => p.IsDefault = false);
            }

            db.Pipelines.Add(pipeline);
            await db.SaveChangesAsync(cancellationToken);
            return PipelineView.From(pipeline);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/pipelines", async Task<Created<PipelineView>> (Request request, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var pipeline = await handler.HandleAsync(request, ct);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/crm/pipelines/{pipeline.Id}", pipeline);
        })
        .WithName("CreatePipeline")
        .WithSummary("Create a lead or deal pipeline with its stages in order");
}

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
