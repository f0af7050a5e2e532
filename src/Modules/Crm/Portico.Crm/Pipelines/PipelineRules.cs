namespace Portico.Crm.Pipelines;

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
