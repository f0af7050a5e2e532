using Portico.WorkOrders.RepairServices;

namespace Portico.WorkOrders.Templates;

/// <summary>
/// One stage of a template: a stable <c>id</c> kept across versions, names (en, ru), the expected duration, the skill it
/// needs (a free tag), the checklist in order, whether a photo is required to complete it, and the parts it typically uses.
/// </summary>
internal sealed record TemplateStage(
    Guid Id, WorkshopText Name, int ExpectedMinutes, string? RequiredSkill, IReadOnlyList<string> Checklist, bool PhotoRequired,
    IReadOnlyList<TemplatePart> Parts);

/// <summary>
/// A part a stage typically uses: an Inventory item id and a quantity. The Inventory module is built beside this one;
/// until its contracts exist the ids are stored as given, not checked.
/// </summary>
internal sealed record TemplatePart(Guid ItemId, decimal Quantity);

/// <summary>
/// A saved, immutable version of a repair service's stage chain: what a work order copies (the current version) and what
/// explains an older order (any version). <see cref="StageChains.CurrentChainAsync"/> gives the current ones.
/// </summary>
internal sealed record StageTemplateVersion(
    Guid ServiceId, int Number, bool Current, DateTimeOffset CreatedAt, string CreatedBy, int TotalMinutes, IReadOnlyList<TemplateStage> Stages);

/// <summary>A version in the history list, without its stages.</summary>
internal sealed record StageTemplateVersionSummary(int Number, bool Current, DateTimeOffset CreatedAt, string CreatedBy, int StageCount, int TotalMinutes);

/// <summary>
/// A save of the whole chain in order. <c>baseVersion</c> is the version the editor started from (0 for none yet);
/// If-Match with that number works too. A stale one is a 409 <c>template-version-stale</c>.
/// </summary>
internal sealed record SaveStageChainInput(int? BaseVersion, IReadOnlyList<TemplateStageInput>? Stages);

/// <summary>A stage as saved: <c>id</c> keeps a stage's identity across versions (new stages may leave it out).</summary>
internal sealed record TemplateStageInput(
    Guid? Id, WorkshopText? Name, int? ExpectedMinutes, string? RequiredSkill, IReadOnlyList<string>? Checklist, bool? PhotoRequired,
    IReadOnlyList<TemplatePartInput>? Parts);

/// <summary>A part: an Inventory item id and a quantity (more than 0, up to three decimals).</summary>
internal sealed record TemplatePartInput(Guid? ItemId, decimal? Quantity);

/// <summary>Moves one stage (by id) to a 0-based position of the current chain, saving a new version.</summary>
internal sealed record MoveTemplateStageInput(int? BaseVersion, Guid? StageId, int? To);
