using Portico.Crm.CustomFields;
using Portico.Crm.Pipelines;
using Portico.Crm.Records;

namespace Portico.Crm.Forms;

/// <summary>
/// The writable settings of a web form. On update it is a merge patch: absent fields stay as they are, lists
/// replace, an empty text clears an optional one, and the empty id (<c>00000000-0000-0000-0000-000000000000</c>)
/// clears <c>pipelineId</c>, <c>stageId</c> or <c>assigneeId</c>.
/// </summary>
internal sealed record FormInput(
    string? Name, string? Title, FormField[]? Fields, string? ConsentText, string? ThankYouMessage, string? SubmitLabel,
    string[]? AllowedOrigins, Guid? PipelineId, Guid? StageId, Guid? AssigneeId, int? MinFillSeconds, bool? Enabled, string? Locale);

/// <summary>One home for checking and applying a form's settings, shared by create and update.</summary>
internal sealed class FormWriter(CrmAccess access, CustomFieldValues customFields, DefaultPipelines pipelines)
{
    public const int MaxOrigins = 20;
    public static readonly string[] Locales = ["en", "ru"];

    /// <summary>Validates <paramref name="input"/> and applies it to <paramref name="form"/>; throws one 422 with every broken rule.</summary>
    public async Task ApplyAsync(WebForm form, FormInput input, bool creating, CancellationToken cancellationToken)
    {
        var rules = new Rules();
        if (creating)
        {
            rules.Required(input.Name, "name").Check(input.Fields is not null, "fields", "is required: at least one field.");
        }

        rules.Check(input.Name is null || !string.IsNullOrWhiteSpace(input.Name), "name", "must not be empty.")
            .Length(input.Name?.Trim(), "name", 1, 200)
            .Length(input.Title?.Trim(), "title", 0, 200)
            .Length(input.ConsentText?.Trim(), "consentText", 0, 2000)
            .Check(input.ThankYouMessage is null || !string.IsNullOrWhiteSpace(input.ThankYouMessage), "thankYouMessage", "must not be empty.")
            .Length(input.ThankYouMessage?.Trim(), "thankYouMessage", 1, 2000)
            .Check(input.SubmitLabel is null || !string.IsNullOrWhiteSpace(input.SubmitLabel), "submitLabel", "must not be empty.")
            .Length(input.SubmitLabel?.Trim(), "submitLabel", 1, 100)
            .Check(input.MinFillSeconds is null or >= 0 and <= 600, "minFillSeconds", "must be between 0 and 600.")
            .OneOf(input.Locale, "locale", Locales);
        if (input.Fields is not null)
        {
            await CheckFieldsAsync(input.Fields, rules, cancellationToken);
        }

        var origins = input.AllowedOrigins is null ? null : CheckOrigins(input.AllowedOrigins, rules);
        var assignee = input.AssigneeId == Guid.Empty ? null : input.AssigneeId;
        await access.CheckMemberAsync(assignee, rules, "assigneeId", cancellationToken);
        rules.ThrowIfInvalid();

        // The destination is checked as a lead would be placed: a stage of a lead pipeline (pipelineId, when also given, its own).
        // A stage alone names its pipeline too; clearing the stage alone keeps the pipeline (its first open stage).
        var pipelineId = input.PipelineId is null ? (input.StageId is null || input.StageId == Guid.Empty ? form.PipelineId : null)
            : input.PipelineId == Guid.Empty ? null : input.PipelineId;
        var stageId = input.StageId is null ? (input.PipelineId is null ? form.StageId : null) : input.StageId == Guid.Empty ? null : input.StageId;
        if ((input.PipelineId is not null || input.StageId is not null) && (pipelineId is not null || stageId is not null))
        {
            var (pipeline, _) = await pipelines.ResolveAsync(RecordTypes.Lead, pipelineId, stageId, new Rules(), cancellationToken);
            pipelineId = pipeline.Id;
        }

        var profile = await access.ProfileAsync(cancellationToken);
        var russian = (input.Locale ?? (creating ? profile.Locale : form.Locale)).StartsWith("ru", StringComparison.Ordinal);
        form.Name = Clean(input.Name) ?? form.Name;
        form.Title = input.Title is null ? form.Title : Clean(input.Title);
        form.Fields = input.Fields is null ? form.Fields : FormField.Serialize(input.Fields.Select(Normalize));
        form.ConsentText = input.ConsentText is null ? form.ConsentText : Clean(input.ConsentText);
        form.Locale = input.Locale ?? (creating ? (russian ? "ru" : "en") : form.Locale);
        form.ThankYouMessage = Clean(input.ThankYouMessage)
            ?? (creating ? (russian ? "Спасибо! Мы скоро свяжемся с вами." : "Thank you! We will be in touch soon.") : form.ThankYouMessage);
        form.SubmitLabel = Clean(input.SubmitLabel) ?? (creating ? (russian ? "Отправить" : "Send") : form.SubmitLabel);
        form.AllowedOrigins = origins is null ? form.AllowedOrigins : string.Join(' ', origins);
        form.PipelineId = pipelineId;
        form.StageId = stageId;
        form.AssigneeId = input.AssigneeId is null ? form.AssigneeId : assignee;
        form.MinFillSeconds = input.MinFillSeconds ?? form.MinFillSeconds;
        form.Enabled = input.Enabled ?? form.Enabled;
    }

    private async Task CheckFieldsAsync(FormField[] fields, Rules rules, CancellationToken cancellationToken)
    {
        rules.Check(fields.Length is > 0 and <= FormFieldTypes.MaxFields, "fields", $"must list 1 to {FormFieldTypes.MaxFields} fields.");
        var definitions = await customFields.DefinitionsAsync(RecordTypes.Lead, cancellationToken);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var targets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            var at = $"fields[{i}].";
            if (field is null)
            {
                rules.Check(false, $"fields[{i}]", "must be a field.");
                continue;
            }

            rules.Check(field.Name is not null && FormFieldTypes.NamePattern().IsMatch(field.Name), at + "name",
                    "must start with a letter and hold up to 40 letters, digits or underscores.")
                .Check(field.Name is null || !FormFieldTypes.Reserved.Contains(field.Name, StringComparer.OrdinalIgnoreCase), at + "name",
                    $"is reserved ({string.Join(", ", FormFieldTypes.Reserved)}).")
                .Check(field.Name is null || names.Add(field.Name), at + "name", "is used by another field of the form.")
                .Required(field.Label, at + "label")
                .Length(field.Label?.Trim(), at + "label", 1, 200)
                .Length(field.Placeholder?.Trim(), at + "placeholder", 0, 200)
                .Check(field.Type is not null, at + "type", "is required.")
                .OneOf(field.Type, at + "type", FormFieldTypes.All);
            if (field.Type == FormFieldTypes.Select)
            {
                var options = field.Options ?? [];
                rules.Check(options.Length is > 0 and <= FormFieldTypes.MaxOptions, at + "options", $"must list 1 to {FormFieldTypes.MaxOptions} choices.")
                    .Check(options.All(o => !string.IsNullOrWhiteSpace(o) && o.Trim().Length <= 200), at + "options", "must be texts of 1 to 200 characters.")
                    .Check(options.Select(o => o?.Trim()).Distinct(StringComparer.Ordinal).Count() == options.Length, at + "options", "must not repeat a choice.");
            }
            else
            {
                rules.Check(field.Options is null || field.Options.Length == 0, at + "options", "are only for select fields.");
            }

            if (field.MapsTo is not null && field.Type is not null)
            {
                CheckTarget(field, at + "mapsTo", definitions, targets, rules);
            }
        }
    }

    private static void CheckTarget(FormField field, string at, IReadOnlyList<CustomFieldDefinition> definitions, HashSet<string> targets, Rules rules)
    {
        rules.Check(targets.Add(field.MapsTo!), at, "fills a lead field another form field already fills.");
        if (field.MapsTo!.StartsWith("cf.", StringComparison.Ordinal))
        {
            var definition = definitions.FirstOrDefault(d => d.Key == field.MapsTo[3..] && d.ArchivedAt is null);
            if (definition is null)
            {
                rules.Check(false, at, $"'{field.MapsTo}' is not an active custom field of leads.");
                return;
            }

            var suitable = FormFieldTypes.ForCustomField(definition.Type);
            rules.Check(suitable.Contains(field.Type), at, suitable.Length == 0
                ? $"custom fields of type {definition.Type} cannot be filled from a form."
                : $"a {definition.Type} custom field takes a field of type {string.Join(" or ", suitable)}.");
            if (definition.Type == FieldTypes.Select && field.Type == FormFieldTypes.Select)
            {
                var allowed = CustomFieldValues.OptionsOf(definition);
                rules.Check((field.Options ?? []).All(o => allowed.Contains(o?.Trim() ?? "")), at, $"the choices must be among the custom field's: {string.Join(", ", allowed)}.");
            }

            return;
        }

        if (!FormFieldTypes.LeadTargets.TryGetValue(field.MapsTo, out var types))
        {
            rules.Check(false, at, $"must be one of: {string.Join(", ", FormFieldTypes.LeadTargets.Keys)}, cf.{{key}} of a lead custom field, or null.");
            return;
        }

        rules.Check(types.Contains(field.Type), at, $"{field.MapsTo} takes a field of type {string.Join(" or ", types)}.");
    }

    /// <summary>
    /// Origins as browsers send them in the <c>Origin</c> header: scheme, host and a non-default port, lower-cased,
    /// without a path. A bad one adds an error naming its position.
    /// </summary>
    private static List<string> CheckOrigins(string[] origins, Rules rules)
    {
        rules.Check(origins.Length <= MaxOrigins, "allowedOrigins", $"takes at most {MaxOrigins} origins.");
        var normalized = new List<string>();
        for (var i = 0; i < origins.Length; i++)
        {
            if (FormOrigins.Normalize(origins[i]) is { } origin)
            {
                if (!normalized.Contains(origin))
                {
                    normalized.Add(origin);
                }
            }
            else
            {
                rules.Check(false, $"allowedOrigins[{i}]", $"'{origins[i]}' is not an origin: write the scheme and host (and port), such as https://salon.example, without a path.");
            }
        }

        return normalized;
    }

    private static FormField Normalize(FormField field) => field with
    {
        Label = field.Label.Trim(),
        Placeholder = Clean(field.Placeholder),
        Options = field.Type == FormFieldTypes.Select ? field.Options!.Select(o => o.Trim()).ToArray() : null,
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
