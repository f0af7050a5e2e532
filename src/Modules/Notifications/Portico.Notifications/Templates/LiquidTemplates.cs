using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fluid;
using Portico.Notifications.Channels;

namespace Portico.Notifications.Templates;

/// <summary>The text of a template: what a tenant stored or what ships with Portico.</summary>
internal sealed record TemplateText(string? Subject, string Body, string? HtmlBody, string Source);

/// <summary>A template failed while rendering: one of the <see cref="TemplateLimits"/> was hit (the message names it), or a filter was given the wrong thing.</summary>
internal sealed class TemplateRenderException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Liquid through Fluid, made safe for text written by tenants: the model is plain dictionaries and values
/// (no CLR member is reachable), no file system (<c>include</c> and <c>render</c> are refused when the template is
/// saved), every render bounded in steps, nesting, output, memory and time (<see cref="TemplateLimits"/>,
/// <see cref="BoundedLiquid"/>) and stopped when its caller leaves, and values escaped for the channel's markup
/// (HTML for email HTML parts and Telegram, Slack's three characters).
/// </summary>
internal static partial class LiquidTemplates
{
    private const int CacheLimit = 2_000;

    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = NewOptions();
    /// <summary>Renders stopped by a limit (<c>reason</c>: the limit's name) or by their caller leaving (<c>cancelled</c>); exported on /metrics.</summary>
    private static readonly Counter<long> StoppedRenders = new Meter("Portico.Notifications")
        .CreateCounter<long>("portico.notifications.template_renders_stopped", description: "Template renders stopped by a limit or because their caller left");

    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    [GeneratedRegex(@"^(?<message>.*?) at \((?<line>\d+):(?<column>\d+)\)", RegexOptions.Singleline)]
    private static partial Regex ParseError();

    private static TemplateOptions NewOptions()
    {
        var options = new TemplateOptions { MaxSteps = TemplateLimits.MaxSteps, MaxRecursion = 5 * TemplateLimits.MaxNesting, Assigned = BoundedLiquid.CheckAssigned };
        BoundedLiquid.GuardFilters(options.Filters);
        return options;
    }

    /// <summary>Adds the parse error of <paramref name="source"/>, with its line and column, to <paramref name="rules"/>.</summary>
    /// <remarks>Text longer than any template may be is not parsed at all: its length rule already refuses it.</remarks>
    public static Rules CheckLiquid(this Rules rules, string? source, string field)
    {
        if (source is not null && source.Length <= NotificationTemplate.MaxHtmlBody && !TryParse(source, out _, out var error))
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

        // Fluid's parser recurses for every nested block or bracket: measured first, so a deep template cannot overflow the stack.
        if (BoundedLiquid.CheckShape(source) is { } refused)
        {
            error = refused.Message;
            return false;
        }

        if (!Parser.TryParse(source, out template, out var raw))
        {
            var match = ParseError().Match(raw ?? "");
            error = match.Success
                ? $"Liquid syntax error at line {match.Groups["line"].Value}, column {match.Groups["column"].Value}: {match.Groups["message"].Value.Trim()}"
                : $"Liquid syntax error: {raw}";
            return false;
        }

        try
        {
            template = BoundedLiquid.Bound(template);
        }
        catch (TemplateLimitException ex)
        {
            template = null;
            error = ex.Message;
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

    /// <summary>
    /// Renders a template for one recipient, escaping values for <paramref name="markup"/>; the HTML part only when
    /// <paramref name="withHtml"/>. The parts share one <see cref="RenderBudget"/>; <paramref name="cancellationToken"/>
    /// (the request's, or the queue's) stops the render at its next write, filter or loop turn.
    /// </summary>
    public static async Task<RenderedMessage> RenderAsync(
        TemplateText text, IReadOnlyDictionary<string, object?> model, Markup markup, bool withHtml, string locale, TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        var encoder = markup switch
        {
            Markup.Html => ProviderAnswers.Html,
            Markup.Slack => SlackTextEncoder.Instance,
            _ => (TextEncoder)NullEncoder.Default,
        };
        var budget = new RenderBudget(cancellationToken);
        var subject = text.Subject is null ? "" : (await RenderOneAsync(text.Subject, model, encoder, locale, timeZone, budget)).Trim();
        var body = (await RenderOneAsync(text.Body, model, encoder, locale, timeZone, budget)).Trim();
        var html = withHtml && text.HtmlBody is not null ? await RenderOneAsync(text.HtmlBody, model, ProviderAnswers.Html, locale, timeZone, budget) : null;
        return new RenderedMessage(subject, body, html);
    }

    private static async Task<string> RenderOneAsync(string source, IReadOnlyDictionary<string, object?> model, TextEncoder encoder, string locale, TimeZoneInfo timeZone, RenderBudget budget)
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
        budget.AttachTo(context);
        foreach (var (name, value) in model)
        {
            context.SetValue(name, value);
        }

        var output = new LimitedWriter(budget, TemplateLimits.MaxOutputChars, TemplateLimits.OutputExceeded);
        try
        {
            await template!.RenderAsync(output, encoder, context);
            return output.ToString();
        }
        catch (TemplateLimitException ex)
        {
            throw Stopped(ex.Limit, ex);
        }
        catch (OperationCanceledException)
        {
            StoppedRenders.Add(1, new KeyValuePair<string, object?>("reason", "cancelled"));
            throw;
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("The maximum ", StringComparison.Ordinal))
        {
            // Fluid 2.41 reports its step limit as "The maximum level of recursion has been reached"; real recursion
            // cannot reach MaxRecursion, since the source's nesting is refused past MaxNesting and nothing is included.
            throw Stopped(TemplateLimits.StepsExceeded, ex);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or InsufficientExecutionStackException))
        {
            // Whatever else a tenant's template trips over (a filter given the wrong thing, a number overflowing) is its failure, not ours.
            throw new TemplateRenderException($"The template failed to render: {ex.Message}", ex);
        }
    }

    private static TemplateRenderException Stopped(TemplateLimit limit, Exception ex)
    {
        StoppedRenders.Add(1, new KeyValuePair<string, object?>("reason", limit.Reason));
        return new TemplateRenderException(limit.Message, ex);
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
