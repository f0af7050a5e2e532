using System.Collections.Frozen;
using System.Globalization;

namespace Portico.Console.Shell;

/// <summary>A module's Russian texts for its console pages, keyed by the English text.</summary>
public sealed record ConsoleTranslation(IReadOnlyDictionary<string, string> Russian);

/// <summary>
/// The console's texts in the user's language: pages write English (<c>@T["New lead"]</c>) and each module
/// registers its Russian texts beside its pages. A missing translation shows the English text, never a key.
/// </summary>
public sealed class ConsoleTexts(IEnumerable<ConsoleTranslation> translations)
{
    private readonly FrozenDictionary<string, string> _russian = translations
        .SelectMany(t => t.Russian)
        .GroupBy(p => p.Key, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    public static readonly string[] Languages = ["en", "ru"];

    public static bool IsRussian => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru";

    public string this[string english] => IsRussian && _russian.TryGetValue(english, out var text) ? text : english;

    /// <summary>A text with placeholders: <c>T.Format("{0} leads", count)</c>.</summary>
    public string Format(string english, params object?[] values) => string.Format(CultureInfo.CurrentCulture, this[english], values);

    /// <summary>True when every text has a Russian translation (tests walk the pages' keys).</summary>
    public bool HasRussian(string english) => _russian.ContainsKey(english);
}
