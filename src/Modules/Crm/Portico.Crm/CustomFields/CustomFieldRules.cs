using System.Text.Json;
using System.Text.RegularExpressions;
using Portico.Crm.Records;

namespace Portico.Crm.CustomFields;

internal static partial class CustomFieldRules
{
    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    public static partial Regex KeyPattern();

    public static Rules CheckOptions(this Rules rules, string? type, string[]? options) => type is FieldTypes.Select or FieldTypes.MultiSelect
        ? rules.Check(options is { Length: >= 1 and <= 200 } && options.All(o => !string.IsNullOrWhiteSpace(o) && o.Length <= 100 && !o.Contains('"', StringComparison.Ordinal) && !o.Contains('\\', StringComparison.Ordinal))
                && options.Distinct().Count() == options.Length,
            "options", "must be 1 to 200 distinct values of 1 to 100 characters (without quotes or backslashes).")
        : rules.Check(options is null, "options", $"are only for {FieldTypes.Select} and {FieldTypes.MultiSelect} fields.");

    /// <summary>Checks that a record type exists: a built-in one, or a custom object of the tenant.</summary>
    public static async Task CheckRecordTypeAsync(this Rules rules, CrmDbContext db, string? recordType, string field, CancellationToken cancellationToken)
    {
        if (recordType is null)
        {
            return;
        }

        var known = RecordTypes.BuiltIn.Contains(recordType)
            || (RecordTypes.IsObject(recordType, out var key) && await db.ObjectTypes.AnyAsync(t => t.Key == key, cancellationToken));
        rules.Check(known, field, "must be contact, lead, deal or object:{key} of one of the tenant's custom objects.");
    }

    /// <summary>Validates the default value like any value of the field; returns its stored JSON.</summary>
    public static async Task<string?> DefaultOfAsync(CustomFieldValues values, CustomFieldDefinition definition, JsonElement? value, Rules rules, CancellationToken cancellationToken) =>
        value is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } given
            ? (await values.NormalizeAsync(definition, given, rules, "defaultValue", cancellationToken))?.ToJsonString()
            : null;
}
