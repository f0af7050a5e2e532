namespace Portico.Messaging.Conversations;

/// <summary>A chat user's tags: lower-case words stored as <c>|vip|promo|</c>.</summary>
internal static class ChatTags
{
    public static bool IsValid(string? tag) =>
        tag is { Length: >= 1 and <= 50 } && tag.All(c => char.IsLetterOrDigit(c) || c is '-' or '_');

    public static string Marker(string tag) => "|" + tag.ToLowerInvariant() + "|";

    public static string Store(IEnumerable<string> tags) =>
        tags.Select(t => t.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList() is { Count: > 0 } list ? "|" + string.Join('|', list) + "|" : "";

    public static string[] Read(string stored) => stored.Split('|', StringSplitOptions.RemoveEmptyEntries);
}
