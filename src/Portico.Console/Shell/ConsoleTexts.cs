using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Portico.Kernel.Errors;

namespace Portico.Console.Shell;

/// <summary>A module's Russian texts for its console pages, keyed by the English text.</summary>
public sealed record ConsoleTranslation(IReadOnlyDictionary<string, string> Russian);

/// <summary>
/// The console's texts in the user's language: pages write English (<c>@T["New lead"]</c>) and each module
/// registers its Russian texts beside its pages. A missing translation shows the English text, never a key.
/// </summary>
public sealed partial class ConsoleTexts(IEnumerable<ConsoleTranslation> translations)
{
    /// <summary>Where a module keeps the Russian text of a refusal by its stable problem code: <c>["problem:stages-open"] = "…"</c>.</summary>
    public const string ProblemKeyPrefix = "problem:";

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

    /// <summary>The key of a refusal's Russian text by its stable code.</summary>
    public static string ProblemKey(string code) => ProblemKeyPrefix + code;

    /// <summary>
    /// Why a use case refused, in the user's language. English gets the handler's own message. Russian gets the
    /// Russian of that exact message when a module has it (numbers in it may stand for <c>{0}</c>, <c>{1}</c>…),
    /// else the Russian registered for the problem's stable code (<c>problem:&lt;code&gt;</c>), else the English message.
    /// </summary>
    public string Refusal(PorticoProblemException problem) => problem is ValidationException validation
        ? InvalidSentence(validation.Errors)
        : Refusal(problem.Message, problem.Code);

    /// <inheritdoc cref="Refusal(PorticoProblemException)"/>
    public string Refusal(string message, string code)
    {
        if (!IsRussian)
        {
            return message;
        }

        return Known(message) ?? (_russian.TryGetValue(ProblemKey(code), out var byCode) ? byCode : message);
    }

    /// <summary>One field error ("is required.") in the user's language: by its exact text when a module has it, else as written.</summary>
    public string Invalid(string message) => IsRussian ? Known(message) ?? message : message;

    /// <summary>A request's field errors with each message in the user's language; the field names stay as they are.</summary>
    public IReadOnlyDictionary<string, string[]> InvalidFields(IReadOnlyDictionary<string, string[]> errors) => IsRussian
        ? errors.ToDictionary(e => e.Key, e => e.Value.Select(Invalid).ToArray(), StringComparer.Ordinal)
        : errors;

    /// <summary>Field errors as one sentence for a toast: "email: is required. name: must not be empty."</summary>
    public string InvalidSentence(IEnumerable<KeyValuePair<string, string[]>> errors) =>
        string.Join(" ", errors.Select(e => $"{this[e.Key]}: {string.Join(" ", e.Value.Select(Invalid))}"));

    /// <summary>
    /// The Russian of an English message: its exact text, or its shape with each number as a placeholder
    /// ("2 stage(s) are not done yet…" → "{0} stage(s) are not done yet…"), else with each quoted value and number as
    /// one ("'8-800' is not a phone number." → "{0} is not a phone number."), else with the list that ends it as one
    /// ("must be one of: a, b." → "must be one of: {0}."), filled with the same values.
    /// </summary>
    private string? Known(string english) =>
        _russian.TryGetValue(english, out var exact)
            ? exact
            : ByShape(english, Number()) ?? ByShape(english, QuotedOrNumber()) ?? ByShape(english, ListTail());

    private string? ByShape(string english, Regex values)
    {
        var found = new List<object?>();
        var shape = values.Replace(english, m =>
        {
            found.Add(m.Value);
            return "{" + (found.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        });
        if (found.Count == 0 || !_russian.TryGetValue(shape, out var template))
        {
            return null;
        }

        try
        {
            return string.Format(CultureInfo.InvariantCulture, template, [.. found]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex("[0-9]+(?:\\.[0-9]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    /// <summary>A value the message quotes (what the user wrote, kept in its quotes), else a number.</summary>
    [GeneratedRegex("'[^']*'|[0-9]+(?:\\.[0-9]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedOrNumber();

    /// <summary>The values listed after the message's last colon, up to its closing full stop.</summary>
    [GeneratedRegex("(?<=: )[^:]+?(?=\\.?$)", RegexOptions.CultureInvariant)]
    private static partial Regex ListTail();
}
