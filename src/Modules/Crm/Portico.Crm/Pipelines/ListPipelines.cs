using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Pipelines;

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
