using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fluid;
using Portico.Notifications.Channels;

namespace Portico.Notifications.Templates;

/// <summary>The text of a template: what a tenant stored or what ships with Portico.</summary>
internal sealed record TemplateText(string? Subject, string Body, string? HtmlBody, string Source);

/// <summary>A template failed while rendering (too many steps, a filter given the wrong thing).</summary>
internal sealed class TemplateRenderException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Liquid through Fluid, made safe for text written by tenants: the model is plain dictionaries and values
/// (no CLR member is reachable), no file system for <c>include</c>, a step limit against runaway loops, and
/// values escaped for the channel's markup (HTML for email HTML parts and Telegram, Slack's three characters).
/// </summary>
internal static partial class LiquidTemplates
{
    private const int MaxSteps = 20_000;
    private const int CacheLimit = 2_000;

    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new() { MaxSteps = MaxSteps, MaxRecursion = 10 };
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    [GeneratedRegex(@"^(?<message>.*?) at \((?<line>\d+):(?<column>\d+)\)", RegexOptions.Singleline)]
    private static partial Regex ParseError();

    /// <summary>Adds the parse error of <paramref name="source"/>, with its line and column, to <paramref name="rules"/>.</summary>
    public static Rules CheckLiquid(this Rules rules, string? source, string field)
    {
        if (source is not null && !TryParse(source, out _, out var error))
        {
            rules.Check(false, field, error!);
        }

        return rules;
    }

    public static bool TryParse(string source, out IFluidTemplate? template, out string? error)
    {
        if (Parsed.TryGetValue(source, out template))
        {
            error = null;
            return true;
        }

        if (!Parser.TryParse(source, out template, out var raw))
        {
            var match = ParseError().Match(raw ?? "");
            error = match.Success
                ? $"Liquid syntax error at line {match.Groups["line"].Value}, column {match.Groups["column"].Value}: {match.Groups["message"].Value.Trim()}"
                : $"Liquid syntax error: {raw}";
            return false;
        }

        if (Parsed.Count > CacheLimit)
        {
            Parsed.Clear();
        }

        Parsed[source] = template;
        error = null;
        return true;
    }

    /// <summary>Renders a template for one recipient, escaping values for <paramref name="markup"/>; the HTML part only when <paramref name="withHtml"/>.</summary>
    public static RenderedMessage Render(TemplateText text, IReadOnlyDictionary<string, object?> model, Markup markup, bool withHtml, string locale, TimeZoneInfo timeZone)
    {
        var encoder = markup switch
        {
            Markup.Html => ProviderAnswers.Html,
            Markup.Slack => SlackTextEncoder.Instance,
            _ => (TextEncoder)NullEncoder.Default,
        };
        var subject = text.Subject is null ? "" : RenderOne(text.Subject, model, encoder, locale, timeZone).Trim();
        var body = RenderOne(text.Body, model, encoder, locale, timeZone).Trim();
        var html = withHtml && text.HtmlBody is not null ? RenderOne(text.HtmlBody, model, ProviderAnswers.Html, locale, timeZone) : null;
        return new RenderedMessage(subject, body, html);
    }

    private static string RenderOne(string source, IReadOnlyDictionary<string, object?> model, TextEncoder encoder, string locale, TimeZoneInfo timeZone)
    {
        if (!TryParse(source, out var template, out var error))
        {
            throw new TemplateRenderException(error!, new FormatException(error));
        }

        var context = new TemplateContext(Options)
        {
            CultureInfo = CultureOf(locale),
            TimeZone = timeZone,
        };
        foreach (var (name, value) in model)
        {
            context.SetValue(name, value);
        }

        try
        {
            return template!.Render(context, encoder);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or InvalidCastException or NullReferenceException)
        {
            throw new TemplateRenderException($"The template failed to render: {ex.Message}", ex);
        }
    }

    private static CultureInfo CultureOf(string locale)
    {
        try
        {
            return CultureInfo.GetCultureInfo(locale);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    /// <summary>A JSON payload as plain dictionaries, lists and values, which is all a template may see.</summary>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetDecimal(out var d) ? d : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
