using Portico.Kernel.Tenancy;

namespace Portico.WorkOrders.Templates;

internal static class GetStageTemplate
{
    [RequiresPermission(WorkOrdersPermissions.Read)]
    internal sealed class Handler(StageChains chains)
    {
        public Task<StageTemplateVersion> HandleAsync(Guid serviceId, CancellationToken cancellationToken) => chains.CurrentAsync(serviceId, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/services/{serviceId:guid}/stages", async Task<Ok<StageTemplateVersion>> (Guid serviceId, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var version = await handler.HandleAsync(serviceId, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(version.Number);
            return TypedResults.Ok(version);
        })
        .WithName("GetStageTemplate")
        .WithSummary("The current stage template of a repair service (what new work orders copy); version 0 with no stages before the first save; the ETag is the version number");
}

internal static class SaveStageTemplate
{
    [RequiresPermission(WorkOrdersPermissions.Templates)]
    internal sealed class Handler(StageChains chains)
    {
        public Task<StageTemplateVersion> HandleAsync(Guid serviceId, SaveStageChainInput input, long? ifMatch, CancellationToken cancellationToken) =>
            chains.SaveAsync(serviceId, input.BaseVersion ?? (int?)ifMatch, input.Stages, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPut("/{tenant}/workshop/services/{serviceId:guid}/stages", async Task<Created<StageTemplateVersion>> (Guid serviceId, SaveStageChainInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var version = await handler.HandleAsync(serviceId, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(version.Number);
            return TypedResults.Created(VersionUrl(http, version.Number), version);
        })
        .WithName("SaveStageTemplate")
        .WithRequestExample(new
        {
            baseVersion = 1,
            stages = new object[]
            {
                new { name = new { en = "Diagnostics", ru = "Диагностика" }, expectedMinutes = 30, requiredSkill = "diagnostics", checklist = (string[])["Считать ошибки", "Проверить уровень масла"], photoRequired = false },
                new { name = new { en = "Replace pads", ru = "Замена колодок" }, expectedMinutes = 60, requiredSkill = "brakes", photoRequired = true, parts = new[] { new { itemId = "0193a1f2-7c3e-7d4a-9b1c-2f3e4d5a6b7c", quantity = 1 } } },
            },
        })
        .WithSummary("Save the whole stage chain in order (1 to 50 stages) as a new immutable version; baseVersion (or If-Match) older than the current one is a 409 template-version-stale");

    internal static string VersionUrl(HttpContext http, int number)
    {
        var path = http.Request.Path.Value!;
        return $"{path[..path.LastIndexOf("/stages", StringComparison.Ordinal)]}/versions/{number}";
    }
}

internal static class MoveTemplateStage
{
    [RequiresPermission(WorkOrdersPermissions.Templates)]
    internal sealed class Handler(StageChains chains)
    {
        public Task<StageTemplateVersion> HandleAsync(Guid serviceId, MoveTemplateStageInput input, long? ifMatch, CancellationToken cancellationToken) =>
            chains.MoveAsync(serviceId, input with { BaseVersion = input.BaseVersion ?? (int?)ifMatch }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/workshop/services/{serviceId:guid}/stages/move", async Task<Created<StageTemplateVersion>> (Guid serviceId, MoveTemplateStageInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var version = await handler.HandleAsync(serviceId, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(version.Number);
            return TypedResults.Created(SaveStageTemplate.VersionUrl(http, version.Number), version);
        })
        .WithName("MoveTemplateStage")
        .WithRequestExample(new { baseVersion = 2, stageId = "0193a1f2-7c3e-7d4a-9b1c-2f3e4d5a6b7c", to = 0 })
        .WithSummary("Move one stage of the current chain to a 0-based position, saving a new version (409 template-version-stale on an old baseVersion)");
}

internal static class ListStageTemplateVersions
{
    internal sealed record Query(int? Limit, int? Before);

    [RequiresPermission(WorkOrdersPermissions.Read)]
    internal sealed class Handler(StageChains chains)
    {
        public Task<List<StageTemplateVersionSummary>> HandleAsync(Guid serviceId, Query query, CancellationToken cancellationToken)
        {
            if (query.Limit is < 1 or > 200 || query.Before is < 1)
            {
                throw new BadRequestException("limit must be 1 to 200 and before a version number of at least 1.", "invalid-filter");
            }

            return chains.HistoryAsync(serviceId, query.Before, query.Limit ?? 50, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/services/{serviceId:guid}/versions", async Task<Ok<List<StageTemplateVersionSummary>>> (Guid serviceId, [AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(serviceId, query, ct)))
        .WithName("ListStageTemplateVersions")
        .WithSummary("The stage template's versions, newest first (limit, default 50; before=n for the ones older than version n)");
}

internal static class GetStageTemplateVersion
{
    [RequiresPermission(WorkOrdersPermissions.Read)]
    internal sealed class Handler(StageChains chains)
    {
        public Task<StageTemplateVersion> HandleAsync(Guid serviceId, int number, CancellationToken cancellationToken) => chains.VersionAsync(serviceId, number, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/services/{serviceId:guid}/versions/{number:int}", async Task<Ok<StageTemplateVersion>> (Guid serviceId, int number, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(serviceId, number, ct)))
        .WithName("GetStageTemplateVersion")
        .WithSummary("One version of the stage template, as it was saved (versions never change)");
}
