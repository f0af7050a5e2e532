using System.Text.Json;
using System.Text.Json.Serialization;
using Portico.Kernel.Errors;

namespace Portico.Server.Http;

/// <summary>
/// NUL (<c>\u0000</c>) is refused in every request: PostgreSQL cannot store it in text (SQLite would, so the
/// providers would disagree), and no name, note or search needs it. JSON bodies are checked as they are read,
/// query strings and paths before routing.
/// </summary>
internal static class NulCharacters
{
    public const string Message = "Text values must not contain NUL (\\u0000) characters.";

    public static IApplicationBuilder UseNulRefusal(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var request = http.Request;
        if (request.Path.Value?.Contains('\0', StringComparison.Ordinal) == true
            || (request.QueryString.HasValue && request.Query.Any(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))))
        {
            throw new BadRequestException(Message, "invalid-text");
        }

        return next(http);
    });
}

/// <summary>Thrown while reading a JSON body that holds a NUL character; the reader adds the JSON path.</summary>
internal sealed class NulCharacterException() : JsonException(NulCharacters.Message);

/// <summary>Reads strings like the default converter, refusing NUL.</summary>
internal sealed class NulFreeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0', StringComparison.Ordinal) ? throw new NulCharacterException() : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Free-form JSON (custom field values, event data): no NUL in any string or property name inside it.</summary>
internal sealed class NulFreeElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var element = document.RootElement;
        // A NUL can only arrive escaped: raw control characters are not valid JSON.
        if (element.GetRawText().Contains("\\u0000", StringComparison.OrdinalIgnoreCase) && HasNul(element))
        {
            throw new NulCharacterException();
        }

        return element.Clone();
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

    private static bool HasNul(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!.Contains('\0', StringComparison.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Any(HasNul),
        JsonValueKind.Object => element.EnumerateObject().Any(p => p.Name.Contains('\0', StringComparison.Ordinal) || HasNul(p.Value)),
        _ => false,
    };
}
