using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.Crm.Contacts;
using Portico.Crm.CustomFields;
using Portico.Crm.Leads;

namespace Portico.Crm.Imports;

/// <summary>A row that could not be imported: its row number as a spreadsheet shows it, the column at fault (when one is), and why.</summary>
internal sealed record ImportError(int Row, string? Column, string Message);

/// <summary>What one batch of rows did (or, in a dry run, would do).</summary>
internal sealed class BatchOutcome
{
    public int Rows { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Skipped { get; set; }

    public int Failed { get; set; }

    public List<ImportError> Errors { get; } = [];

    /// <summary>The contacts the batch creates: not tracked, written by <see cref="ImportWrites"/> when the batch commits (a dry run drops them).</summary>
    public List<Contact> NewContacts { get; } = [];

    /// <summary>The leads the batch creates, written like <see cref="NewContacts"/>.</summary>
    public List<Lead> NewLeads { get; } = [];

    /// <summary>Counts a failed row and its errors, each tied back to the column its field came from.</summary>
    public void Fail(SheetRow row, IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, string> columns)
    {
        Failed++;
        foreach (var (field, messages) in errors)
        {
            var column = columns.GetValueOrDefault(field);
            foreach (var message in messages)
            {
                Errors.Add(new ImportError(row.Number, column, column is null ? $"{field} {message}" : message));
            }
        }
    }

    public void Fail(SheetRow row, string? column, string message)
    {
        Failed++;
        Errors.Add(new ImportError(row.Number, column, message));
    }
}

/// <summary>Turns the text of cells into the values the record writers take.</summary>
internal static class CellValues
{
    private static readonly char[] ListSeparators = [',', ';', '|', '\n'];
    private static readonly char[] EmailSeparators = [',', ';', '\n', ' ', '\t'];
    private static readonly char[] PhoneSeparators = [',', ';', '\n'];
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "yyyy-MM-dd'T'HH:mm:ss", "dd.MM.yyyy HH:mm", "dd.MM.yyyy H:mm:ss"];

    /// <summary>Several emails in one cell, separated by commas, semicolons or spaces.</summary>
    public static IEnumerable<string> SplitEmails(string text) => text.Split(EmailSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Several phones in one cell, separated by commas or semicolons (spaces belong to the number).</summary>
    public static IEnumerable<string> SplitPhones(string text) => text.Split(PhoneSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static IEnumerable<string> SplitList(string text) => text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>«1 500,50 ₽» → «1500.50»: spaces, currency signs and a decimal comma as people type them in spreadsheets.</summary>
    public static string Amount(string text)
    {
        var kept = new string(text.Where(c => char.IsAsciiDigit(c) || c is '.' or ',' or '-').ToArray());
        return kept.Contains('.', StringComparison.Ordinal) ? kept.Replace(",", "", StringComparison.Ordinal) : kept.Replace(',', '.');
    }

    public static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The custom field values of a row as the JSON patch <see cref="CustomFieldValues.ApplyAsync"/> validates: numbers,
    /// yes/no and lists are read from their text; anything unreadable is passed on as text, so the field's own rule names the problem.
    /// </summary>
    public static JsonElement? CustomFields(Dictionary<string, List<(string Text, string Column)>> values, IReadOnlyList<CustomFieldDefinition> definitions, Dictionary<string, string> columns)
    {
        JsonObject? patch = null;
        foreach (var (target, cells) in values)
        {
            if (!target.StartsWith(ImportMapping.CustomPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var key = target[ImportMapping.CustomPrefix.Length..];
            var definition = definitions.FirstOrDefault(d => d.Key == key);
            if (definition is null)
            {
                continue;
            }

            patch ??= [];
            patch[key] = Node(definition.Type, cells[0].Text);
            columns["customFields." + key] = cells[0].Column;
        }

        return patch is null ? null : JsonSerializer.SerializeToElement(patch);
    }

    private static JsonNode? Node(string type, string text) => type switch
    {
        FieldTypes.Number when decimal.TryParse(Amount(text), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        FieldTypes.Money => JsonValue.Create(Amount(text)),
        FieldTypes.Boolean when Bool(text) is { } flag => JsonValue.Create(flag),
        FieldTypes.MultiSelect => new JsonArray(SplitList(text).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
        FieldTypes.Date when DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) =>
            JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(text),
    };

    public static bool? Bool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "1" or "+" or "да" or "д" or "истина" => true,
        "false" or "no" or "n" or "0" or "-" or "нет" or "н" or "ложь" => false,
        _ => null,
    };
}
