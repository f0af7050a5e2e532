using System.Text;
using System.Text.Json;
using Portico.Crm.CustomFields;
using Portico.Crm.Records;

namespace Portico.Crm.Imports;

/// <summary>
/// Which column fills which field. Headers are compared the way people write them: case, spaces, dashes,
/// underscores and dots do not count («E-mail», «e_mail», «EMAIL » are one), in English or Russian
/// («Эл. почта», «Телефон», «ФИО»); a custom field is found by its key, its label or <c>cf.{key}</c>.
/// </summary>
internal static class ImportMapping
{
    public const string Name = "name";
    public const string FirstName = "firstName";
    public const string LastName = "lastName";
    public const string CompanyName = "companyName";
    public const string JobTitle = "jobTitle";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Tags = "tags";
    public const string Source = "source";
    public const string Notes = "notes";
    public const string Title = "title";
    public const string ContactName = "contactName";
    public const string Value = "value";
    public const string Currency = "currency";
    public const string Priority = "priority";
    public const string CustomPrefix = "cf.";

    private static readonly string[] ContactTargets = [Name, FirstName, LastName, CompanyName, JobTitle, Email, Phone, Tags, Source, Notes];
    private static readonly string[] LeadTargets = [Title, ContactName, LastName, Email, Phone, CompanyName, Source, Priority, Value, Currency];

    /// <summary>Fields several columns may fill at once («Phone», «Mobile»): their values are put together.</summary>
    private static readonly HashSet<string> MultiValued = new(StringComparer.Ordinal) { Email, Phone, Tags };

    private static readonly string[] NameWords = ["имя", "фио", "name", "fullname", "полноеимя", "клиент", "client", "customer", "contact", "контакт", "contactname", "контактноелицо"];

    private static readonly Dictionary<string, string> Common = Words(
        (FirstName, ["firstname", "givenname"]),
        (LastName, ["фамилия", "lastname", "surname", "familyname"]),
        (Phone, ["телефон", "тел", "мобильный", "мобильныйтелефон", "сотовый", "телефоны", "номертелефона", "phone", "phones", "mobile", "mobilephone", "phonenumber", "telephone", "tel", "cell"]),
        (Email, ["элпочта", "электроннаяпочта", "почта", "email", "emails", "mail", "emailaddress", "емейл", "имейл"]),
        (CompanyName, ["компания", "организация", "company", "companyname", "organization", "organisation"]),
        (Source, ["источник", "source"]),
        (Tags, ["теги", "тег", "метки", "метка", "tags", "tag", "labels"]),
        (Notes, ["заметки", "заметка", "комментарий", "комментарии", "примечание", "notes", "note", "comment", "comments"]));

    private static readonly Dictionary<string, string> ContactOnly = Words(
        (Name, NameWords),
        (JobTitle, ["должность", "jobtitle", "position", "title"]));

    private static readonly Dictionary<string, string> LeadOnly = Words(
        (ContactName, NameWords),
        (Title, ["название", "заголовок", "title", "leadtitle", "subject"]),
        (Value, ["сумма", "бюджет", "стоимость", "value", "amount", "budget"]),
        (Currency, ["валюта", "currency"]),
        (Priority, ["приоритет", "priority"]));

    private static Dictionary<string, string> Words(params (string Target, string[] Words)[] groups) =>
        groups.SelectMany(g => g.Words.Select(w => (Word: w, g.Target))).ToDictionary(x => x.Word, x => x.Target, StringComparer.Ordinal);

    public static bool IsRecordType(string? recordType) => recordType is RecordTypes.Contact or RecordTypes.Lead;

    public static IReadOnlyList<string> TargetsOf(string recordType) => recordType == RecordTypes.Lead ? LeadTargets : ContactTargets;

    /// <summary>Letters and digits only, lower case, «ё» as «е»: how two spellings of a header are compared.</summary>
    public static string Normalize(string header)
    {
        var text = new StringBuilder(header.Length);
        foreach (var c in header)
        {
            if (char.IsLetterOrDigit(c))
            {
                var lower = char.ToLowerInvariant(c);
                text.Append(lower == 'ё' ? 'е' : lower);
            }
        }

        return text.ToString();
    }

    /// <summary>The field a header suggests, or null: standard fields first, then custom fields by key or label.</summary>
    public static string? Suggest(string header, string recordType, IReadOnlyList<CustomFieldDefinition> definitions)
    {
        var live = definitions.Where(d => d.ArchivedAt is null).ToList();
        if (CustomKeyIn(header) is { } key)
        {
            return live.Any(d => d.Key == key) ? CustomPrefix + key : null;
        }

        var normalized = Normalize(header);
        if ((recordType == RecordTypes.Lead ? LeadOnly : ContactOnly).TryGetValue(normalized, out var target)
            || (Common.TryGetValue(normalized, out target) && TargetsOf(recordType).Contains(target)))
        {
            return target;
        }

        var byKey = live.FirstOrDefault(d => Normalize(d.Key) == normalized) ?? live.FirstOrDefault(d => Normalize(d.Label) == normalized);
        return byKey is null ? null : CustomPrefix + byKey.Key;
    }

    /// <summary>«cf.vip», or a header ending in «(cf.vip)» as exports write them: the custom field key it names.</summary>
    private static string? CustomKeyIn(string header)
    {
        var text = header.Trim();
        if (text.EndsWith(')') && text.LastIndexOf("(cf.", StringComparison.OrdinalIgnoreCase) is var open and >= 0)
        {
            return text[(open + 4)..^1].Trim().ToLowerInvariant();
        }

        return text.StartsWith(CustomPrefix, StringComparison.OrdinalIgnoreCase) ? text[3..].Trim().ToLowerInvariant() : null;
    }

    /// <summary>A suggested mapping for every header; a field that takes one column goes to the first column that suggests it.</summary>
    public static Dictionary<string, string?> SuggestAll(IReadOnlyList<string> headers, string recordType, IReadOnlyList<CustomFieldDefinition> definitions)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var mapping = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var header in headers)
        {
            var target = Suggest(header, recordType, definitions);
            mapping[header] = target is not null && (MultiValued.Contains(target) || taken.Add(target)) ? target : null;
        }

        return mapping;
    }

    /// <summary>
    /// Checks a mapping sent by the client against the file's headers and the record type's fields; returns it complete
    /// (every header, unmapped ones null) with field names as the API spells them. Errors are one 422.
    /// </summary>
    public static Dictionary<string, string?> Validate(
        IReadOnlyDictionary<string, string?>? mapping, IReadOnlyList<string> headers, string recordType, IReadOnlyList<CustomFieldDefinition> definitions)
    {
        var rules = new Rules();
        if (mapping is null)
        {
            rules.Check(false, "mapping", "is required: an object of column → field (null leaves a column out).");
            rules.ThrowIfInvalid();
        }

        var result = headers.ToDictionary(h => h, _ => (string?)null, StringComparer.Ordinal);
        var targets = TargetsOf(recordType);
        var live = definitions.Where(d => d.ArchivedAt is null).ToList();
        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, requested) in mapping!)
        {
            var field = $"mapping.{column}";
            if (!result.ContainsKey(column))
            {
                rules.Check(false, field, "is not a column of the file.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(requested))
            {
                continue;
            }

            var target = requested.Trim();
            if (target.StartsWith(CustomPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var key = target[3..];
                if (!live.Any(d => d.Key == key))
                {
                    rules.Check(false, field, $"'{target}': '{key}' is not a custom field of {recordType} records.");
                    continue;
                }

                target = CustomPrefix + key;
            }
            else if (targets.FirstOrDefault(t => string.Equals(t, target, StringComparison.OrdinalIgnoreCase)) is { } known)
            {
                target = known;
            }
            else
            {
                rules.Check(false, field, $"'{target}' is not a field of {recordType} records. Fields: {string.Join(", ", targets)}, or cf.{{key}} for a custom field.");
                continue;
            }

            if (!MultiValued.Contains(target) && used.TryGetValue(target, out var other))
            {
                rules.Check(false, field, $"'{target}' is already filled from the column '{other}'; only {string.Join(", ", MultiValued)} take several columns.");
                continue;
            }

            used[target] = column;
            result[column] = target;
        }

        rules.Check(used.Count > 0 || !rules.IsValid, "mapping", "maps no column to a field.");
        rules.ThrowIfInvalid();
        return result;
    }

    public static string Serialize(IReadOnlyDictionary<string, string?> mapping) => JsonSerializer.Serialize(mapping);

    public static Dictionary<string, string?> Deserialize(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? [];

    public static IReadOnlyList<string> HeadersOf(ImportJob job) => JsonSerializer.Deserialize<string[]>(job.Headers) ?? [];
}

/// <summary>What a run or a dry run needs to know of a job: the record type and which column fills which field.</summary>
/// <param name="JobId">The import job.</param>
/// <param name="RecordType"><c>contact</c> or <c>lead</c>.</param>
/// <param name="Headers">The file's column names (unique).</param>
/// <param name="Columns">The mapped columns, by index, with the field each fills.</param>
/// <param name="RestrictedTo">An Employee under restricted visibility: new records are theirs, and records of others are left alone.</param>
/// <param name="PublishEvents">Whether each new record raises its <c>*.created</c> event (small files only: a bulk load would flood subscribers).</param>
internal sealed record ImportPlan(
    Guid JobId, string RecordType, IReadOnlyList<string> Headers, IReadOnlyList<(int Column, string Target)> Columns, Guid? RestrictedTo, bool PublishEvents)
{
    /// <summary>Rows of more than this many data rows raise no per-record events.</summary>
    public const int EventRowLimit = 1000;

    public static ImportPlan Of(ImportJob job, Guid? restrictedTo, bool publishEvents)
    {
        var headers = ImportMapping.HeadersOf(job);
        var mapping = ImportMapping.Deserialize(job.Mapping);
        var columns = headers
            .Select((header, index) => (Column: index, Target: mapping.GetValueOrDefault(header)))
            .Where(c => c.Target is not null)
            .Select(c => (c.Column, c.Target!))
            .ToList();
        return new ImportPlan(job.Id, job.RecordType, headers, columns, restrictedTo, publishEvents);
    }

    /// <summary>The non-empty cells of a row by field, each with its column's header (for error reports).</summary>
    public Dictionary<string, List<(string Text, string Column)>> ValuesOf(SheetRow row)
    {
        var values = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        foreach (var (column, target) in Columns)
        {
            var text = column < row.Cells.Length ? row.Cells[column] : "";
            if (text.Length == 0)
            {
                continue;
            }

            if (!values.TryGetValue(target, out var list))
            {
                values[target] = list = [];
            }

            list.Add((text, Headers[column]));
        }

        return values;
    }
}
