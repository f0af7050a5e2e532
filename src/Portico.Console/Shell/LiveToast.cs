using System.Text.Json;

namespace Portico.Console.Shell;

/// <summary>
/// A live event worth a toast wherever the person is in the console (a new lead, a new message), registered by
/// the module that raises it: <paramref name="Describe"/> turns the event's data into the toast's text, or null to stay quiet.
/// </summary>
public sealed record LiveToast(string RealtimeName, Func<JsonElement, ConsoleTexts, string?> Describe)
{
    /// <summary>A string field of the event's data, when present.</summary>
    public static string? Field(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
