using System.Text.Json;
using System.Text.RegularExpressions;
using Portico.Crm.CustomFields;

namespace Portico.Crm.Forms;

/// <summary>
/// One input of a web form: what the visitor sees (label, type, placeholder, options) and which lead field its
/// value fills (<see cref="MapsTo"/>); a field that maps to nothing is kept only in the lead's form data.
/// </summary>
internal sealed record FormField(string Name, string Label, string Type, bool Required, string[]? Options, string? Placeholder, string? MapsTo)
{
    public static IReadOnlyList<FormField> Parse(string json) => JsonSerializer.Deserialize<FormField[]>(json, JsonSerializerOptions.Web) ?? [];

    public static string Serialize(IEnumerable<FormField> fields) => JsonSerializer.Serialize(fields.ToArray(), JsonSerializerOptions.Web);
}

/// <summary>The input types a form renders, and the lead fields a value can fill.</summary>
internal static partial class FormFieldTypes
{
    public const string Text = "text";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Textarea = "textarea";
    public const string Select = "select";
    public const string Checkbox = "checkbox";
    public const string Number = "number";

    public static readonly string[] All = [Text, Email, Phone, Textarea, Select, Checkbox, Number];

    public const int MaxFields = 30;
    public const int MaxOptions = 100;
    public const int MaxTextLength = 1000;
    public const int MaxTextareaLength = 5000;

    /// <summary>Names the submission itself uses: a field may not take them.</summary>
    public static readonly string[] Reserved = ["website", "consent", "consentAt", "consentText", "startedToken", "fields"];

    /// <summary>The lead's own fields a value can fill (besides <c>cf.{key}</c>), with the input types that suit each.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> LeadTargets = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["title"] = [Text, Textarea, Select],
        ["contactName"] = [Text],
        ["email"] = [Email],
        ["phone"] = [Phone],
        ["companyName"] = [Text, Select],
        ["value"] = [Number],
    };

    /// <summary>The input types that can fill a custom field of each type; other custom field types are not offered on forms.</summary>
    public static string[] ForCustomField(string customFieldType) => customFieldType switch
    {
        FieldTypes.Text => [Text, Select, Email, Phone],
        FieldTypes.LongText => [Text, Textarea, Select],
        FieldTypes.Number or FieldTypes.Money => [Number],
        FieldTypes.Boolean => [Checkbox],
        FieldTypes.Select => [Select],
        FieldTypes.Email => [Email],
        FieldTypes.Phone => [Phone],
        FieldTypes.Url => [Text],
        _ => [],
    };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,39}$")]
    public static partial Regex NamePattern();
}
