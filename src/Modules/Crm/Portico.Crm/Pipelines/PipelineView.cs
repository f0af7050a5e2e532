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
