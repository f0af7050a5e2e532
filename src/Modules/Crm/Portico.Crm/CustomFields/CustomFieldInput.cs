using System.Text.Json;

namespace Portico.Crm.CustomFields;

internal sealed record CustomFieldInput(
    string? RecordType, string? Key, string? Label, string? Type, bool? Required, JsonElement? DefaultValue, string[]? Options, string? Target, int? Position);
