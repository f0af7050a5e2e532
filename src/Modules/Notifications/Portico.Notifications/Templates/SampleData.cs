using System.Collections;
using System.Reflection;
using System.Text.Json;
using Portico.Kernel.Events;

namespace Portico.Notifications.Templates;

/// <summary>Plausible data for previews: built from an event type's payload record, property by property.</summary>
internal static class SampleData
{
    public static JsonElement For(Type? payloadType, DateTimeOffset now) =>
        JsonSerializer.SerializeToElement(payloadType is null ? new Dictionary<string, object?>() : Sample(payloadType, "", now, depth: 0), EventJson.Options);

    private static object? Sample(Type type, string name, DateTimeOffset now, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var lower = name.ToLowerInvariant();
        return type switch
        {
            _ when type == typeof(string) => lower switch
            {
                _ when lower.Contains("email", StringComparison.Ordinal) => "anna@example.com",
                _ when lower.Contains("phone", StringComparison.Ordinal) => "+15550100",
                _ when lower.Contains("role", StringComparison.Ordinal) => "Manager",
                _ when lower.Contains("url", StringComparison.Ordinal) || lower.Contains("link", StringComparison.Ordinal) => "https://example.com/",
                _ when lower.Contains("name", StringComparison.Ordinal) => "Anna Example",
                _ when lower.Contains("locale", StringComparison.Ordinal) => "en",
                _ => $"sample {name}".Trim(),
            },
            _ when type == typeof(Guid) => Guid.Parse("01900000-0000-7000-8000-000000000001"),
            _ when type == typeof(DateTimeOffset) => now.AddDays(1),
            _ when type == typeof(DateTime) => now.AddDays(1).UtcDateTime,
            _ when type == typeof(DateOnly) => DateOnly.FromDateTime(now.AddDays(1).UtcDateTime),
            _ when type == typeof(TimeOnly) => new TimeOnly(10, 0),
            _ when type == typeof(bool) => true,
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => 12.5m,
            _ when type.IsPrimitive => 1,
            _ when type.IsEnum => Enum.GetValues(type).Cast<object>().FirstOrDefault(),
            _ when depth >= 3 => null,
            _ when type.IsArray => new[] { Sample(type.GetElementType()!, name, now, depth + 1) },
            _ when typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType => new[] { Sample(type.GetGenericArguments()[^1], name, now, depth + 1) },
            _ => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0)
                .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => Sample(p.PropertyType, p.Name, now, depth + 1), StringComparer.Ordinal),
        };
    }
}
