using System.Diagnostics;
using System.Text;
using Fluid;
using Fluid.Values;

namespace Portico.Notifications.Templates;

/// <summary>
/// What one render of a tenant's template may cost. Every render (preview and delivery) runs under all of them;
/// the first one hit stops it with a <see cref="TemplateLimitException"/> that names it.
/// </summary>
internal static class TemplateLimits
{
    /// <summary>Statements run (each loop turn, assign, output counts one): Fluid's own counter.</summary>
    public const int MaxSteps = 20_000;

    /// <summary>Blocks inside blocks, and brackets inside brackets, in the source: deeper templates are refused before parsing.</summary>
    public const int MaxNesting = 20;

    /// <summary>Characters one part (subject, text, HTML) may render.</summary>
    public const int MaxOutputChars = 256 * 1024;

    /// <summary>Characters of one value: a filter's result, a capture, an assigned variable.</summary>
    public const int MaxValueChars = 64 * 1024;

    /// <summary>Characters all filters and captures of one message may produce together: what a render can hold in memory.</summary>
    public const int MaxProducedChars = 1024 * 1024;

    /// <summary>Items of a range or of an array a filter makes.</summary>
    public const int MaxItems = 10_000;

    /// <summary>Wall-clock time of one message (all its parts).</summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(2);

    public static readonly TemplateLimit OutputExceeded = new("output", $"output exceeds {MaxOutputChars / 1024} K characters");
    public static readonly TemplateLimit ValueExceeded = new("value", $"a value exceeds {MaxValueChars / 1024} K characters");
    public static readonly TemplateLimit ProducedExceeded = new("produced", $"the template builds more than {MaxProducedChars / 1024 / 1024} M characters of text");
    public static readonly TemplateLimit ItemsExceeded = new("items", $"a range or list has more than {MaxItems:N0} items");
    public static readonly TemplateLimit StepsExceeded = new("steps", $"the template runs more than {MaxSteps:N0} steps");
    public static readonly TemplateLimit NestingExceeded = new("nesting", $"blocks or brackets are nested deeper than {MaxNesting} levels");
    public static readonly TemplateLimit TimeExceeded = new("time", $"rendering takes longer than {MaxTime.TotalSeconds:0} s");
}

/// <summary>One limit: a short name for metrics (<c>output</c>, <c>time</c>…) and the sentence a tenant reads.</summary>
internal sealed record TemplateLimit(string Reason, string Message);

/// <summary>A render stopped at one of the <see cref="TemplateLimits"/>; the message names it.</summary>
internal sealed class TemplateLimitException(TemplateLimit limit) : Exception(limit.Message)
{
    public TemplateLimit Limit { get; } = limit;
}

/// <summary>
/// The running account of one message's render: its deadline, its caller's cancellation and the text its filters and
/// captures made so far. Checked by the output writer, every filter call, every capture, range and loop turn.
/// </summary>
internal sealed class RenderBudget(CancellationToken cancellationToken)
{
    private const string Key = "portico.render-budget";

    private readonly long _deadline = Stopwatch.GetTimestamp() + (long)(TemplateLimits.MaxTime.TotalSeconds * Stopwatch.Frequency);
    private long _produced;

    public static RenderBudget Of(TemplateContext context) =>
        context.AmbientValues.TryGetValue(Key, out var budget) ? (RenderBudget)budget! : throw new InvalidOperationException("A template is rendered without its budget.");

    public void AttachTo(TemplateContext context) => context.AmbientValues[Key] = this;

    /// <summary>Throws when the caller left or the time is up.</summary>
    public void Checkpoint()
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Stopwatch.GetTimestamp() > _deadline)
        {
            throw new TemplateLimitException(TemplateLimits.TimeExceeded);
        }
    }

    /// <summary>Counts text a filter or capture made; the total bounds what the render can hold.</summary>
    public void Produced(long chars)
    {
        _produced += chars;
        if (_produced > TemplateLimits.MaxProducedChars)
        {
            throw new TemplateLimitException(TemplateLimits.ProducedExceeded);
        }
    }

    /// <summary>
    /// How many characters <paramref name="value"/> becomes as text (an array: its items joined), counted only up to
    /// just past <paramref name="limit"/> so that measuring costs no more than the limit.
    /// </summary>
    public static long TextLength(FluidValue value, long limit, int depth = 0)
    {
        switch (value)
        {
            case StringValue s:
                return s.ToStringValue().Length;
            case ArrayValue array:
                if (depth > 8)
                {
                    return limit + 1;
                }

                long total = 0;
                foreach (var item in array.Values)
                {
                    total += TextLength(item, limit - total, depth + 1);
                    if (total > limit)
                    {
                        return total;
                    }
                }

                return total;
            default:
                return 32;
        }
    }
}

/// <summary>
/// Where a template writes: a buffer that refuses to grow past its limit and checks the budget on every write, so a
/// loop that prints stops at the limit, at the deadline, or when the caller leaves.
/// </summary>
internal sealed class LimitedWriter(RenderBudget budget, int maxChars, TemplateLimit limit) : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.Unicode;

    public int Length => _text.Length;

    public override void Write(char value)
    {
        Reserve(1);
        _text.Append(value);
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Reserve(buffer.Length);
        _text.Append(buffer);
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override Task FlushAsync() => Task.CompletedTask;

    private void Reserve(int chars)
    {
        budget.Checkpoint();
        if (_text.Length + (long)chars > maxChars)
        {
            throw new TemplateLimitException(limit);
        }
    }

    public override string ToString() => _text.ToString();
}
