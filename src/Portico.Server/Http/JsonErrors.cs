using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portico.Server.Http;

/// <summary>
/// Turns the serializer's and the binder's messages into ones a client can act on: they name the JSON path
/// or the parameter, never a .NET type ("could not be converted to System.Guid", "Portico.Crm…Request").
/// </summary>
internal static partial class JsonErrors
{
    public static string Describe(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
        // The reader appends where it stopped (" Path: $.x | LineNumber: 0 | ..."): said once, below.
        var message = json.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
        if (json is NulCharacterException)
        {
            return $"{NulCharacters.Message[..^1]} (at {path}).";
        }

        if (UnmappedProperty().Match(message) is { Success: true } unmapped)
        {
            return $"Unknown field '{unmapped.Groups[1].Value}' (at {path}).";
        }

        if (MissingProperties().Match(message) is { Success: true } missing)
        {
            return $"Required fields are missing: {missing.Groups[1].Value.TrimEnd('.')}.";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return $"The value at {path} is not of the expected type or format.";
        }

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return "The JSON is nested too deeply.";
        }

        var where = json.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $" (at {path}, line {line + 1}, byte {json.BytePositionInLine + 1})")
            : $" (at {path})";
        // Syntax errors from the reader ("'n' is an invalid start of a value.") name no types; anything else might.
        return "The request body is not valid JSON" + (NamesAType(message) ? "" : ": " + message.TrimEnd('.')) + where + ".";
    }

    /// <summary>Parameter binding failures ("Failed to bind parameter \"int? limit\" from \"abc\".") without the parameter's type.</summary>
    public static string DescribeBinding(string message)
    {
        if (FailedToBind().Match(message) is { Success: true } failed)
        {
            return $"'{failed.Groups[2].Value}' is not a valid value for '{failed.Groups[1].Value}'.";
        }

        if (NotProvided().Match(message) is { Success: true } missing)
        {
            return missing.Groups[2].Value == "body" ? "A JSON request body is required." : $"'{missing.Groups[1].Value}' is required ({missing.Groups[2].Value}).";
        }

        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || message.Contains("from the request body", StringComparison.Ordinal))
        {
            return "A JSON request body is required.";
        }

        return NamesAType(message) ? "The request is malformed." : message;
    }

    private static bool NamesAType(string text) => text.Contains("System.", StringComparison.Ordinal) || text.Contains("Portico.", StringComparison.Ordinal);

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("missing required properties including: (.*)$")]
    private static partial Regex MissingProperties();

    [GeneratedRegex("^Failed to bind parameter \"(?:.*\\s)?(\\w+)\" from \"(.*)\"\\.?$")]
    private static partial Regex FailedToBind();

    [GeneratedRegex("^Required parameter \"(?:.*\\s)?(\\w+)\" was not provided from (?:the )?(.*?)\\.?$")]
    private static partial Regex NotProvided();
}
