using System.Text.Json;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders.RepairServices;

namespace Portico.WorkOrders.Templates;

/// <summary>
/// The stage templates of repair services: every save adds an immutable version with the next number and makes it the
/// current one; nothing ever rewrites a saved version. The work-order builder copies <see cref="CurrentChainAsync"/>.
/// </summary>
internal sealed class StageChains(WorkOrdersDbContext db, RequestContext request)
{
    public const string StaleCode = "template-version-stale";
    public const int MaxStages = 50;
    public const int MaxChecklist = 50;
    public const int MaxParts = 50;
    public const int MaxMinutes = 7 * 24 * 60;
    public const int MaxName = 200;
    public const int MaxSkill = 60;
    public const int MaxItem = 500;
    public const decimal MaxQuantity = 1_000_000m;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The current stage template of each of these repair services (by Catalog service id) in the current tenant, for a
    /// new work order to copy; services without a template (or not repair services) are left out.
    /// </summary>
    public async Task<IReadOnlyList<StageTemplateVersion>> CurrentChainAsync(IReadOnlyCollection<Guid> serviceIds, CancellationToken cancellationToken)
    {
        var ids = serviceIds.Distinct().ToList();
        var current = db.RepairServices.Where(s => ids.Contains(s.ServiceId) && s.CurrentTemplateVersion > 0);
        var versions = await db.StageChainVersions.AsNoTracking()
            .Where(v => current.Any(s => s.ServiceId == v.ServiceId && s.CurrentTemplateVersion == v.Number))
            .ToListAsync(cancellationToken);
        return [.. versions.OrderBy(v => ids.IndexOf(v.ServiceId)).Select(v => View(v, current: true))];
    }

    public async Task<StageTemplateVersion> CurrentAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        var service = await db.FindRepairServiceAsync(serviceId, cancellationToken);
        return service.CurrentTemplateVersion == 0
            ? new StageTemplateVersion(serviceId, 0, true, service.CreatedAt, "", 0, [])
            : await VersionAsync(service, service.CurrentTemplateVersion, cancellationToken);
    }

    public async Task<StageTemplateVersion> VersionAsync(Guid serviceId, int number, CancellationToken cancellationToken) =>
        await VersionAsync(await db.FindRepairServiceAsync(serviceId, cancellationToken), number, cancellationToken);

    public async Task<StageTemplateVersion> SaveAsync(Guid serviceId, int? baseVersion, IReadOnlyList<TemplateStageInput>? stages, CancellationToken cancellationToken)
    {
        var service = await db.FindRepairServiceAsync(serviceId, cancellationToken);
        CheckBase(service, baseVersion);
        var chain = Validate(stages);
        return await AddVersionAsync(service, chain, cancellationToken);
    }

    public async Task<StageTemplateVersion> MoveAsync(Guid serviceId, MoveTemplateStageInput input, CancellationToken cancellationToken)
    {
        var service = await db.FindRepairServiceAsync(serviceId, cancellationToken);
        CheckBase(service, input.BaseVersion);
        var current = await VersionAsync(service, service.CurrentTemplateVersion, cancellationToken);
        var from = current.Stages.ToList().FindIndex(s => s.Id == input.StageId);
        new Rules()
            .Check(input.StageId is not null, "stageId", "is required.")
            .Check(input.StageId is null || from >= 0, "stageId", "is not a stage of the current version.")
            .Check(input.To is not null, "to", "is required: the 0-based position to move the stage to.")
            .Check(input.To is null || (input.To >= 0 && input.To < current.Stages.Count), "to", $"must be from 0 to {current.Stages.Count - 1}.")
            .ThrowIfInvalid();
        var stages = current.Stages.ToList();
        var moved = stages[from];
        stages.RemoveAt(from);
        stages.Insert(input.To!.Value, moved);
        return await AddVersionAsync(service, stages, cancellationToken);
    }

    public async Task<List<StageTemplateVersionSummary>> HistoryAsync(Guid serviceId, int? before, int limit, CancellationToken cancellationToken)
    {
        var service = await db.FindRepairServiceAsync(serviceId, cancellationToken);
        var versions = db.StageChainVersions.AsNoTracking().Where(v => v.ServiceId == serviceId);
        if (before is { } number)
        {
            versions = versions.Where(v => v.Number < number);
        }

        return await versions.OrderByDescending(v => v.Number).Take(limit)
            .Select(v => new StageTemplateVersionSummary(v.Number, v.Number == service.CurrentTemplateVersion, v.CreatedAt, v.CreatedBy, v.StageCount, v.TotalMinutes))
            .ToListAsync(cancellationToken);
    }

    private static void CheckBase(RepairService service, int? baseVersion)
    {
        if (baseVersion is { } number && number != service.CurrentTemplateVersion)
        {
            throw new ConflictException(
                $"The stage template is at version {service.CurrentTemplateVersion}, not {number}: someone saved it meanwhile. Reload it and apply your change again.", StaleCode);
        }
    }

    private async Task<StageTemplateVersion> VersionAsync(RepairService service, int number, CancellationToken cancellationToken)
    {
        var version = await db.StageChainVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ServiceId == service.ServiceId && v.Number == number, cancellationToken)
            ?? throw new NotFoundException("StageTemplateVersion", number);
        return View(version, version.Number == service.CurrentTemplateVersion);
    }

    private async Task<StageTemplateVersion> AddVersionAsync(RepairService service, IReadOnlyList<TemplateStage> stages, CancellationToken cancellationToken)
    {
        var version = new StageChainVersion
        {
            ServiceId = service.ServiceId,
            Number = service.CurrentTemplateVersion + 1,
            CreatedBy = request.Actor,
            Stages = JsonSerializer.Serialize(stages, Json),
            StageCount = stages.Count,
            TotalMinutes = stages.Sum(s => s.ExpectedMinutes),
        };
        db.StageChainVersions.Add(version);
        service.CurrentTemplateVersion = version.Number;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is ConflictException or ConcurrencyException)
        {
            // Another save from the same base won the race for this number.
            throw new ConflictException("The stage template was saved by someone else meanwhile. Reload it and apply your change again.", StaleCode);
        }

        return View(version, current: true);
    }

    private static StageTemplateVersion View(StageChainVersion v, bool current) =>
        new(v.ServiceId, v.Number, current, v.CreatedAt, v.CreatedBy, v.TotalMinutes, JsonSerializer.Deserialize<List<TemplateStage>>(v.Stages, Json) ?? []);

    /// <summary>Checks a whole chain (every broken rule at once, by JSON path) and gives it back normalized.</summary>
    internal static List<TemplateStage> Validate(IReadOnlyList<TemplateStageInput>? stages)
    {
        var rules = new Rules()
            .Check(stages is not null, "stages", "is required: the whole chain in order.")
            .Check(stages is null || stages.Count is >= 1 and <= MaxStages, "stages", $"must have 1 to {MaxStages} stages.");
        var chain = new List<TemplateStage>();
        var ids = new HashSet<Guid>();
        for (var i = 0; stages is not null && i < Math.Min(stages.Count, MaxStages); i++)
        {
            var at = $"stages[{i}]";
            var stage = stages[i];
            if (stage is null)
            {
                rules.Check(false, at, "must be a stage.");
                continue;
            }

            var en = Clean(stage.Name?.En);
            var ru = Clean(stage.Name?.Ru);
            rules.Check(en is not null || ru is not null, $"{at}.name", "is required (en, ru or both).")
                .Check((en?.Length ?? 0) <= MaxName && (ru?.Length ?? 0) <= MaxName, $"{at}.name", $"must be at most {MaxName} characters.")
                .Check(stage.ExpectedMinutes is not null, $"{at}.expectedMinutes", "is required.")
                .Check(stage.ExpectedMinutes is null or (> 0 and <= MaxMinutes), $"{at}.expectedMinutes", $"must be more than 0 and at most {MaxMinutes} (a week).");
            var skill = Clean(stage.RequiredSkill)?.ToLowerInvariant();
            rules.Check((skill?.Length ?? 0) <= MaxSkill, $"{at}.requiredSkill", $"must be at most {MaxSkill} characters.");
            var checklist = (stage.Checklist ?? []).Select(Clean).ToList();
            rules.Check(checklist.Count <= MaxChecklist, $"{at}.checklist", $"at most {MaxChecklist} items.")
                .Check(checklist.All(c => c is { Length: <= MaxItem }), $"{at}.checklist", $"each item must be 1 to {MaxItem} characters.");
            var parts = stage.Parts ?? [];
            rules.Check(parts.Count <= MaxParts, $"{at}.parts", $"at most {MaxParts} parts.");
            for (var p = 0; p < Math.Min(parts.Count, MaxParts); p++)
            {
                var part = parts[p];
                rules.Check(part?.ItemId is { } item && item != Guid.Empty, $"{at}.parts[{p}].itemId", "is required: an Inventory item id.")
                    .Check(part?.Quantity is { } q && q > 0 && q <= MaxQuantity, $"{at}.parts[{p}].quantity", $"must be more than 0 and at most {MaxQuantity}.")
                    .Check(part?.Quantity is not { } d || decimal.Round(d, 3) == d, $"{at}.parts[{p}].quantity", "takes at most three decimals.");
            }

            var id = stage.Id is { } given && given != Guid.Empty ? given : Guid.CreateVersion7();
            rules.Check(ids.Add(id), $"{at}.id", "appears twice in the chain.");
            chain.Add(new TemplateStage(
                id, new WorkshopText(en, ru), stage.ExpectedMinutes ?? 0, skill, [.. checklist.OfType<string>()], stage.PhotoRequired ?? false,
                [.. parts.Where(x => x?.ItemId is not null).Select(x => new TemplatePart(x.ItemId!.Value, x.Quantity ?? 0))]));
        }

        rules.ThrowIfInvalid();
        return chain;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
