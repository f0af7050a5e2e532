using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;

namespace Portico.Notifications.Triggers;

/// <summary>
/// A trigger's delay as the API takes it: seconds (<c>3600</c>), an ISO 8601 duration (<c>"PT1H"</c>), or a time in the
/// event's data with an offset (<c>{"field": "startsAt", "offset": "-PT24H"}</c>: 24 hours before the appointment).
/// </summary>
internal sealed partial record TriggerDelay(string Offset, string? Field)
{
    public static readonly TimeSpan Max = TimeSpan.FromDays(366);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,4}$")]
    private static partial Regex FieldPath();

    public static TriggerDelay? From(long? seconds, string? field) =>
        seconds is null ? null : new TriggerDelay(XmlConvert.ToString(TimeSpan.FromSeconds(seconds.Value)), field);

    /// <summary>Reads the API's forms; a wrong one adds an error to <paramref name="rules"/> and gives null.</summary>
    public static (long? Seconds, string? Field) Parse(JsonElement? delay, Rules rules)
    {
        if (delay is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        string? field = null;
        var offset = value;
        var hasOffset = true;
        if (value.ValueKind == JsonValueKind.Object)
        {
            field = value.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            hasOffset = value.TryGetProperty("offset", out offset);

            rules.Check(field is not null && FieldPath().IsMatch(field), "delay.field", "must name a time in the event's data, such as startsAt or appointment.startsAt.");
            rules.Check(value.EnumerateObject().All(p => p.Name is "field" or "offset"), "delay", "takes only field and offset.");
        }

        TimeSpan? span = !hasOffset ? TimeSpan.Zero : offset.ValueKind switch
        {
            JsonValueKind.Number when offset.TryGetInt64(out var seconds) => TimeSpan.FromSeconds(seconds),
            JsonValueKind.String => ParseDuration(offset.GetString()),
            _ => null,
        };
        rules.Check(span is not null, field is null ? "delay" : "delay.offset", "must be seconds or an ISO 8601 duration such as PT24H or -PT24H.");
        rules.Check(span is null || span.Value.Duration() <= Max, "delay", "must be at most 366 days.");
        rules.Check(span is null || field is not null || span.Value >= TimeSpan.Zero, "delay", "cannot be negative without a field: an event cannot be notified before it happened.");
        return span is null ? (null, null) : ((long)span.Value.TotalSeconds, field);
    }

    private static TimeSpan? ParseDuration(string? text)
    {
        try
        {
            return text is null ? null : XmlConvert.ToTimeSpan(text.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>When a delivery is due: the event time (or the data field's time) plus the offset; null when the data has no such time.</summary>
    public static DateTimeOffset? DueAt(long? seconds, string? field, DateTimeOffset occurredAt, JsonElement data)
    {
        if (seconds is null)
        {
            return occurredAt;
        }

        var anchor = occurredAt;
        if (field is not null)
        {
            var node = data;
            foreach (var part in field.Split('.'))
            {
                if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node))
                {
                    return null;
                }
            }

            if (node.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(node.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out anchor))
            {
                return null;
            }
        }

        return anchor.AddSeconds(seconds.Value);
    }
}
