using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.Crm.Records;
using Portico.Data.Caching;

namespace Portico.Crm.CustomFields;

/// <summary>
/// Validates and normalizes custom field values on every write of a record: unknown keys, wrong types, values
/// outside a select's options, malformed emails, phones or URLs, non-members and missing related records are
/// each a 422 naming <c>customFields.{key}</c> and the rule. Values are stored normalized (phones in E.164,
/// date-times in UTC, money as <c>{amount, currency}</c>) so filters and sorts compare like with like.
/// </summary>
internal sealed class CustomFieldValues(CrmDbContext db, CrmAccess access, ContextCache cache)
{
    /// <summary>The name of the tenant's custom-field schema in the <see cref="ContextCache"/>.</summary>
    public const string SchemaName = "crm-fields";

    private Dictionary<string, IReadOnlyList<CustomFieldDefinition>>? _byRecordType;

    /// <summary>
    /// The tenant's field definitions of one record type, in order. Every list and write needs them, so the whole schema
    /// is cached per instance and evicted when a definition is saved. The instances are shared: read them, never change them.
    /// </summary>
    public async Task<IReadOnlyList<CustomFieldDefinition>> DefinitionsAsync(string recordType, CancellationToken cancellationToken)
    {
        _byRecordType ??= (await cache.GetOrCreateAsync(ContextCacheKeys.TenantSchema(SchemaName, access.TenantId), db, static async (db, ct) =>
                new Cached<IReadOnlyList<CustomFieldDefinition>>(await db.CustomFields.AsNoTracking()
                    .OrderBy(f => f.Position).ThenBy(f => f.Id)
                    .ToListAsync(ct)), cancellationToken))
            .Value!
            .GroupBy(f => f.RecordType, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CustomFieldDefinition>)g.ToList(), StringComparer.Ordinal);
        return _byRecordType.TryGetValue(recordType, out var list) ? list : [];
    }

    /// <summary>The tenant's currency: money custom fields without one take it, and amount filters read its decimals.</summary>
    public async Task<string> TenantCurrencyAsync(CancellationToken cancellationToken) => (await access.ProfileAsync(cancellationToken)).Currency;

    /// <summary>
    /// Merges <paramref name="patch"/> (a JSON object; null removes a value) into <paramref name="current"/> and
    /// returns the new JSON. On create, defaults fill absent fields. Errors are added to <paramref name="rules"/>.
    /// </summary>
    public async Task<string> ApplyAsync(string recordType, string current, JsonElement? patch, bool creating, Rules rules, CancellationToken cancellationToken)
    {
        var definitions = await DefinitionsAsync(recordType, cancellationToken);
        var values = JsonNode.Parse(current) as JsonObject ?? [];
        if (patch is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } given)
        {
            if (given.ValueKind != JsonValueKind.Object)
            {
                rules.Check(false, "customFields", "must be an object of field keys and values.");
                return current;
            }

            foreach (var property in given.EnumerateObject())
            {
                var field = "customFields." + property.Name;
                var definition = definitions.FirstOrDefault(d => d.Key == property.Name);
                if (definition is null)
                {
                    rules.Check(false, field, $"is not a custom field of {recordType} records.");
                    continue;
                }

                if (definition.ArchivedAt is not null)
                {
                    rules.Check(false, field, "is archived and takes no new values.");
                    continue;
                }

                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    values.Remove(property.Name);
                    continue;
                }

                if (await NormalizeAsync(definition, property.Value, rules, field, cancellationToken) is { } normalized)
                {
                    values[property.Name] = normalized;
                }
            }
        }

        foreach (var definition in definitions.Where(d => d.ArchivedAt is null))
        {
            if (creating && !values.ContainsKey(definition.Key) && definition.DefaultValue is not null)
            {
                values[definition.Key] = JsonNode.Parse(definition.DefaultValue);
            }

            if (definition.Required && !values.ContainsKey(definition.Key))
            {
                rules.Check(false, "customFields." + definition.Key, $"is required ({definition.Label}).");
            }
        }

        return values.ToJsonString();
    }

    /// <summary>The value in its stored form, or null (with an error added) when it breaks the field's rule.</summary>
    public async Task<JsonNode?> NormalizeAsync(CustomFieldDefinition definition, JsonElement value, Rules rules, string field, CancellationToken cancellationToken)
    {
        string? text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
        switch (definition.Type)
        {
            case FieldTypes.Text or FieldTypes.LongText:
                var max = definition.Type == FieldTypes.Text ? 1000 : 20000;
                if (text is null || text.Length > max)
                {
                    return Fail(rules, field, $"must be text of at most {max} characters.");
                }

                return text.Length == 0 ? Fail(rules, field, "must not be empty (send null to clear it).") : JsonValue.Create(text);

            case FieldTypes.Number:
                if (value.ValueKind == JsonValueKind.Number)
                {
                    return value.TryGetDecimal(out var exact) ? JsonValue.Create(exact) : Fail(rules, field, "must be a number within ±7.9e28.");
                }

                return text is not null && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                    ? JsonValue.Create(parsed)
                    : Fail(rules, field, "must be a number.");

            case FieldTypes.Money:
                var profile = await access.ProfileAsync(cancellationToken);
                var money = value.ValueKind switch
                {
                    JsonValueKind.Object => new Contracts.MoneyAmount(
                        value.TryGetProperty("amount", out var amount) && amount.ValueKind is JsonValueKind.String or JsonValueKind.Number ? (amount.ValueKind == JsonValueKind.String ? amount.GetString()! : amount.GetRawText()) : "x",
                        value.TryGetProperty("currency", out var currency) && currency.ValueKind == JsonValueKind.String ? currency.GetString()! : currency.ValueKind == JsonValueKind.Undefined ? "" : "x"),
                    JsonValueKind.Number => new Contracts.MoneyAmount(value.GetRawText(), profile.Currency),
                    JsonValueKind.String => new Contracts.MoneyAmount(text!, profile.Currency),
                    _ => null,
                };
                var local = new Rules();
                var minor = Money.Parse(money ?? new Contracts.MoneyAmount("x", profile.Currency), profile.Currency, local, field);
                if (minor is null)
                {
                    return Fail(rules, field, "must be money such as {\"amount\": \"1500.00\", \"currency\": \"EUR\"}.");
                }

                var view = Money.View(minor.Value.Minor, minor.Value.Currency)!;
                return new JsonObject { ["amount"] = view.Amount, ["currency"] = view.Currency };

            case FieldTypes.Date:
                return text is not null && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : Fail(rules, field, "must be a date such as 2026-12-31.");

            case FieldTypes.DateTime:
                return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment) && text.Contains('T', StringComparison.Ordinal)
                    ? JsonValue.Create(moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                    : Fail(rules, field, "must be an ISO 8601 date and time such as 2026-12-31T18:00:00Z.");

            case FieldTypes.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? JsonValue.Create(value.GetBoolean()) : Fail(rules, field, "must be true or false.");

            case FieldTypes.Select:
                return text is not null && OptionsOf(definition).Contains(text) ? JsonValue.Create(text) : Fail(rules, field, $"must be one of: {string.Join(", ", OptionsOf(definition))}.");

            case FieldTypes.MultiSelect:
                if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || !OptionsOf(definition).Contains(e.GetString()!)))
                {
                    return Fail(rules, field, $"must be a list of: {string.Join(", ", OptionsOf(definition))}.");
                }

                return new JsonArray(value.EnumerateArray().Select(e => e.GetString()!).Distinct().Select(s => (JsonNode)JsonValue.Create(s)).ToArray());

            case FieldTypes.Email:
                return text is not null && Emails.Normalize(text) is { } email ? JsonValue.Create(email) : Fail(rules, field, "must be an email address.");

            case FieldTypes.Phone:
                var region = (await access.ProfileAsync(cancellationToken)).Country;
                return Phones.Normalize(text, region) is { } phone ? JsonValue.Create(phone) : Fail(rules, field, "must be a phone number (international format such as +49 30 1234567).");

            case FieldTypes.Url:
                return text is not null && text.Length <= 2000 && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                    ? JsonValue.Create(uri.ToString())
                    : Fail(rules, field, "must be an absolute http or https URL.");

            case FieldTypes.Member:
                return text is not null && Guid.TryParse(text, out var userId) && await access.IsMemberAsync(userId, cancellationToken)
                    ? JsonValue.Create(userId.ToString())
                    : Fail(rules, field, "must be the id of a member of the tenant.");

            case FieldTypes.Relation:
                return text is not null && Guid.TryParse(text, out var recordId) && await RecordExistsAsync(definition.Target!, recordId, cancellationToken)
                    ? JsonValue.Create(recordId.ToString())
                    : Fail(rules, field, $"must be the id of an existing {definition.Target} record.");

            default:
                return Fail(rules, field, "has an unknown type.");
        }
    }

    public static IReadOnlyList<string> OptionsOf(CustomFieldDefinition definition) =>
        definition.Options is null ? [] : JsonSerializer.Deserialize<string[]>(definition.Options) ?? [];

    private async Task<bool> RecordExistsAsync(string target, Guid id, CancellationToken cancellationToken)
    {
        if (RecordTypes.IsObject(target, out var key))
        {
            return await db.ObjectRecords.AnyAsync(r => r.Id == id && db.ObjectTypes.Any(t => t.Id == r.ObjectTypeId && t.Key == key), cancellationToken);
        }

        return target switch
        {
            RecordTypes.Contact => await db.Contacts.AnyAsync(c => c.Id == id, cancellationToken),
            RecordTypes.Lead => await db.Leads.AnyAsync(l => l.Id == id, cancellationToken),
            RecordTypes.Deal => await db.Deals.AnyAsync(d => d.Id == id, cancellationToken),
            _ => false,
        };
    }

    private static JsonNode? Fail(Rules rules, string field, string message)
    {
        rules.Check(false, field, message);
        return null;
    }
}
