using System.Text.Json;

namespace Portico.Crm.CustomFields;

internal sealed record CustomFieldView(
    Guid Id, string RecordType, string Key, string Label, string Type, bool Required, JsonElement? DefaultValue, IReadOnlyList<string>? Options,
    string? Target, int Position, DateTimeOffset? ArchivedAt, long Version)
{
    public static CustomFieldView From(CustomFieldDefinition f) => new(
        f.Id, f.RecordType, f.Key, f.Label, f.Type, f.Required, f.DefaultValue is null ? null : JsonDocument.Parse(f.DefaultValue).RootElement.Clone(),
        f.Options is null ? null : CustomFieldValues.OptionsOf(f), f.Target, f.Position, f.ArchivedAt, f.Version);
}
