namespace Portico.Crm.Pipelines;

/// <summary>A stage in a pipeline write: with an id it is an existing stage (renamed, reordered), without one a new stage.</summary>
internal sealed record StageInput(Guid? Id, string? Name, string? Kind, string? Color);
