using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Portico.Notifications.Templates;

/// <summary>
/// What makes Fluid 2.41 safe for templates written by tenants, beyond its step counter. Fluid materializes ranges
/// before counting steps, lets a capture or a filter build strings of any size, and recurses in its parser for every
/// nested block (a few hundred levels overflow the stack and end the process). So: the source's nesting is measured
/// before parsing; after parsing, ranges, captures and loops are replaced by bounded versions and file tags refused;
/// every filter is wrapped to check its inputs and its result. Together with the <see cref="LimitedWriter"/> for output
/// this bounds the memory of a render: every string a render holds is either in the source or the model, or was made
/// by a filter or capture (each at most <see cref="TemplateLimits.MaxValueChars"/>, all together at most
/// <see cref="TemplateLimits.MaxProducedChars"/>); a filter whose result could outgrow its inputs by more than a few
/// times (replace, join, format strings) is checked before it runs.
/// </summary>
internal static class BoundedLiquid
{
    private static readonly TemplateLimit LongFormat = new("format", "a format asks for more than 999 digits or characters of padding");

    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal) { "if", "unless", "for", "case", "capture", "tablerow", "ifchanged" };

    /// <summary>The first limit the source breaks before it is even parsed (deep nesting), or null.</summary>
    public static TemplateLimit? CheckShape(string source)
    {
        var depth = 0;
        var i = 0;
        while (i < source.Length - 1)
        {
            var open = source.IndexOf('{', i);
            if (open < 0 || open + 1 >= source.Length)
            {
                break;
            }

            var kind = source[open + 1];
            if (kind is not ('{' or '%'))
            {
                i = open + 1;
                continue;
            }

            var close = source.IndexOf(kind == '{' ? "}}" : "%}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                close = source.Length;
            }

            var inner = source.AsSpan(open + 2, close - open - 2).Trim('-').Trim();
            if (BracketDepth(inner) > TemplateLimits.MaxNesting)
            {
                return TemplateLimits.NestingExceeded;
            }

            i = close + 2;
            if (kind == '{')
            {
                continue;
            }

            var name = FirstWord(inner);
            if (name is "raw" or "comment")
            {
                var end = source.IndexOf("end" + name, i, StringComparison.Ordinal);
                i = end < 0 ? source.Length : end;
                continue;
            }

            if (name == "liquid")
            {
                foreach (var line in inner[6..].ToString().Split('\n'))
                {
                    depth = Step(depth, FirstWord(line.AsSpan().Trim()));
                    if (depth > TemplateLimits.MaxNesting)
                    {
                        return TemplateLimits.NestingExceeded;
                    }
                }

                continue;
            }

            depth = Step(depth, name);
            if (depth > TemplateLimits.MaxNesting)
            {
                return TemplateLimits.NestingExceeded;
            }
        }

        return null;
    }

    private static int Step(int depth, string name) =>
        BlockTags.Contains(name) ? depth + 1 : name.StartsWith("end", StringComparison.Ordinal) ? Math.Max(0, depth - 1) : depth;

    private static string FirstWord(ReadOnlySpan<char> text)
    {
        var length = 0;
        while (length < text.Length && (char.IsLetterOrDigit(text[length]) || text[length] is '_' or '#'))
        {
            length++;
        }

        return text[..length].ToString();
    }

    private static int BracketDepth(ReadOnlySpan<char> text)
    {
        int depth = 0, deepest = 0;
        char quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '[' or '(')
            {
                deepest = Math.Max(deepest, ++depth);
            }
            else if (c is ']' or ')')
            {
                depth = Math.Max(0, depth - 1);
            }
        }

        return deepest;
    }

    /// <summary>The parsed template with bounded ranges, captures and loops; file tags refused with a <see cref="TemplateLimitException"/>.</summary>
    public static IFluidTemplate Bound(IFluidTemplate template) => new Rewriter().VisitTemplate(template);

    /// <summary>Wraps every filter of <paramref name="filters"/> in the checks of <see cref="Guarded"/>.</summary>
    public static void GuardFilters(FilterCollection filters)
    {
        foreach (var (name, filter) in filters.ToList())
        {
            filters.AddFilter(name, Guarded(name, filter));
        }
    }

    /// <summary>An assigned value is checked too, whatever made it.</summary>
    public static ValueTask<FluidValue> CheckAssigned(string identifier, FluidValue value, TemplateContext context)
    {
        if (RenderBudget.TextLength(value, TemplateLimits.MaxValueChars) > TemplateLimits.MaxValueChars)
        {
            throw new TemplateLimitException(TemplateLimits.ValueExceeded);
        }

        return new ValueTask<FluidValue>(value);
    }

    private static FilterDelegate Guarded(string name, FilterDelegate filter) => (input, arguments, context) =>
    {
        var budget = RenderBudget.Of(context);
        budget.Checkpoint();
        var inputLength = Measure(input);
        var longestArgument = 0L;
        // Not arguments.Values: it throws when a filter is given none.
        for (var i = 0; i < arguments.Count; i++)
        {
            longestArgument = Math.Max(longestArgument, Measure(arguments.At(i)));
        }

        CheckBeforeRunning(name, input, inputLength, longestArgument, arguments);
        var result = filter(input, arguments, context);
        return result.IsCompletedSuccessfully
            ? new ValueTask<FluidValue>(CheckResult(name, result.Result, budget))
            : AwaitedAsync(name, result, budget);
    };

    private static async ValueTask<FluidValue> AwaitedAsync(string name, ValueTask<FluidValue> result, RenderBudget budget) =>
        CheckResult(name, await result, budget);

    private static long Measure(FluidValue value)
    {
        var length = RenderBudget.TextLength(value, TemplateLimits.MaxValueChars);
        return length > TemplateLimits.MaxValueChars ? throw new TemplateLimitException(TemplateLimits.ValueExceeded) : length;
    }

    /// <summary>Filters whose result can be many times their inputs: the result's size is worked out before they run.</summary>
    private static void CheckBeforeRunning(string name, FluidValue input, long inputLength, long longestArgument, FilterArguments arguments)
    {
        long worst = name switch
        {
            "replace" => inputLength + (Occurrences(input.ToStringValue(), arguments.At(0).ToStringValue()) * RenderBudget.TextLength(arguments.At(1), TemplateLimits.MaxValueChars)),
            "join" => inputLength + (Math.Max(0, ItemCount(input) - 1) * (arguments.Count > 0 ? longestArgument : 1)),
            "format_string" => inputLength + (input.ToStringValue().Count(c => c == '{') * longestArgument),
            _ => 0,
        };
        if (worst > TemplateLimits.MaxValueChars)
        {
            throw new TemplateLimitException(TemplateLimits.ValueExceeded);
        }

        // A format can ask .NET for a billion digits or a billion characters of padding ("D999999999", "{0,999999999}").
        if (name is "format_string" or "format_number" or "format_date" or "date")
        {
            for (var i = -1; i < arguments.Count; i++)
            {
                var format = i < 0 ? (name == "format_string" ? input : NilValue.Instance) : arguments.At(i);
                if (format is StringValue text && HasLongNumber(text.ToStringValue()))
                {
                    throw new TemplateLimitException(LongFormat);
                }
            }
        }
    }

    private static long Occurrences(string text, string part)
    {
        if (part.Length == 0)
        {
            return text.Length + 1L;
        }

        long count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static long ItemCount(FluidValue value) => value is ArrayValue array ? array.Values.Count : 1;

    private static bool HasLongNumber(string text)
    {
        var run = 0;
        foreach (var c in text)
        {
            run = char.IsAsciiDigit(c) ? run + 1 : 0;
            if (run > 3)
            {
                return true;
            }
        }

        return false;
    }

    private static FluidValue CheckResult(string name, FluidValue result, RenderBudget budget)
    {
        if (result is ArrayValue { Values.Count: > TemplateLimits.MaxItems })
        {
            throw new TemplateLimitException(TemplateLimits.ItemsExceeded);
        }

        var length = Measure(result);
        if (result is StringValue || name == "split")
        {
            budget.Produced(length);
        }

        return result;
    }

    /// <summary>Replaces the nodes Fluid does not bound with ones that are, and refuses tags that read files.</summary>
    private sealed class Rewriter : AstRewriter
    {
        private static readonly TemplateLimit NoFiles = new("files", "{% include %}, {% render %} and {% from %} are not available: a template cannot read other templates or files");

        protected override Statement VisitIncludeStatement(IncludeStatement includeStatement) => throw new TemplateLimitException(NoFiles);

        protected override Statement VisitRenderStatement(RenderStatement renderStatement) => throw new TemplateLimitException(NoFiles);

        protected override Statement VisitFromStatement(FromStatement fromStatement) => throw new TemplateLimitException(NoFiles);

        protected override Expression VisitRangeExpression(RangeExpression rangeExpression)
        {
            var visited = (RangeExpression)base.VisitRangeExpression(rangeExpression);
            return new BoundedRange(visited.From, visited.To);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            var visited = (CaptureStatement)base.VisitCaptureStatement(captureStatement);
            return new BoundedCapture(visited.Identifier, visited.Statements);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            var v = (ForStatement)base.VisitForStatement(forStatement);
            return new ForStatement([LoopCheckpoint.Instance, .. v.Statements], v.Identifier, v.Source, v.Limit, v.Offset, v.Reversed, v.Else);
        }

        protected override Statement VisitTableRowStatement(TableRowStatement tableRowStatement)
        {
            var v = (TableRowStatement)base.VisitTableRowStatement(tableRowStatement);
            return new TableRowStatement([LoopCheckpoint.Instance, .. v.Statements], v.Identifier, v.Source, v.Limit, v.Offset, v.Cols);
        }
    }

    /// <summary>A range checked before it is built: Fluid allocates every item of <c>(1..1000000000)</c> up front.</summary>
    private sealed class BoundedRange(Expression from, Expression to) : Expression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var start = Math.Round((await from.EvaluateAsync(context)).ToNumberValue());
            var end = Math.Round((await to.EvaluateAsync(context)).ToNumberValue());
            RenderBudget.Of(context).Checkpoint();
            if (end - start + 1 > TemplateLimits.MaxItems || Math.Abs(start) > int.MaxValue || Math.Abs(end) > int.MaxValue)
            {
                throw new TemplateLimitException(TemplateLimits.ItemsExceeded);
            }

            var items = new FluidValue[end < start ? 0 : (int)(end - start + 1)];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = NumberValue.Create(start + i);
            }

            return new ArrayValue(items);
        }
    }

    /// <summary>A capture written into a limited buffer charged to the budget: Fluid's own grows without bound.</summary>
    private sealed class BoundedCapture(string identifier, IReadOnlyList<Statement> statements) : Statement
    {
        public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
        {
            var budget = RenderBudget.Of(context);
            var captured = new LimitedWriter(budget, TemplateLimits.MaxValueChars, TemplateLimits.ValueExceeded);
            var completion = Completion.Normal;
            foreach (var statement in statements)
            {
                completion = await statement.WriteToAsync(captured, encoder, context);
                if (completion != Completion.Normal)
                {
                    break;
                }
            }

            budget.Produced(captured.Length);
            FluidValue result = new StringValue(captured.ToString(), false);
            if (context.Captured is not null)
            {
                result = await context.Captured.Invoke(identifier, result, context);
            }

            context.SetValue(identifier, result);
            return completion;
        }
    }

    /// <summary>First statement of every loop turn: stops the loop at the deadline or when the caller leaves.</summary>
    private sealed class LoopCheckpoint : Statement
    {
        public static readonly LoopCheckpoint Instance = new();

        public override ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
        {
            RenderBudget.Of(context).Checkpoint();
            return Normal();
        }
    }
}
