namespace Portico.Crm.Forms;

/// <summary>A form as its tenant's members see it, with the addresses and the snippet to embed it.</summary>
internal sealed record FormView(
    Guid Id, string Key, string Name, string? Title, IReadOnlyList<FormField> Fields, string? ConsentText, string ThankYouMessage, string SubmitLabel,
    IReadOnlyList<string> AllowedOrigins, Guid? PipelineId, Guid? StageId, Guid? AssigneeId, int MinFillSeconds, bool Enabled, string Locale,
    int SubmissionCount, DateTimeOffset? LastSubmissionAt, FormEmbed Embed, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static FormView From(WebForm f, PublicLinks links) => new(
        f.Id, f.Key, f.Name, f.Title, FormField.Parse(f.Fields), f.ConsentText, f.ThankYouMessage, f.SubmitLabel,
        FormOrigins.Of(f), f.PipelineId, f.StageId, f.AssigneeId, f.MinFillSeconds, f.Enabled, f.Locale,
        f.SubmissionCount, f.LastSubmissionAt, FormEmbed.Of(f.Key, links), f.CreatedAt, f.UpdatedAt, f.Version);
}

/// <summary>Where a form lives in public: the script to embed, the definition and the submissions address.</summary>
internal sealed record FormEmbed(string ScriptUrl, string DefinitionUrl, string SubmissionUrl, string Html)
{
    public static string DefinitionPath(string key) => $"/api/v1/public/forms/{key}";

    public static string SubmissionPath(string key) => $"/api/v1/public/forms/{key}/submissions";

    public static FormEmbed Of(string key, PublicLinks links)
    {
        var script = links.To($"/forms/{key}.js");
        return new FormEmbed(script, links.To(DefinitionPath(key)), links.To(SubmissionPath(key)), $"<script src=\"{script}\" defer></script>");
    }
}
