using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Pipelines;

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
