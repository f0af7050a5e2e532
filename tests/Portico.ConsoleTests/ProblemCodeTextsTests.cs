using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Console.Shell;
using Portico.Kernel.Errors;

namespace Portico.ConsoleTests;

/// <summary>
/// Every problem code the code base can refuse with has a Russian text (<c>problem:&lt;code&gt;</c>) in the console's
/// translations, so a Russian-speaking user never reads an English refusal the handler's wording alone would give.
/// The codes are read from <c>src/**/*.cs</c> (see <see cref="ProblemCodes"/> for what counts as a code).
/// </summary>
public sealed partial class ProblemCodeTextsTests
{
    /// <summary>
    /// Codes passed on from another refusal rather than written at the throw, with what they carry; each is one of
    /// the codes found elsewhere. A new one fails the test until it is listed here with its reason.
    /// </summary>
    private static readonly Dictionary<string, string> Relayed = new(StringComparer.Ordinal)
    {
        ["busy.Code"] = "AppointmentBooking tries each free staff member and reports the last BlockWriter refusal: staff-busy or resource-busy.",
        ["unavailable.Code"] = "The Telegram webhook answers with the code of the ServiceUnavailableException it caught: upstream-unavailable.",
    };

    [Fact]
    public void Every_problem_code_thrown_in_src_has_a_Russian_text_in_the_registered_translations()
    {
        var (codes, dynamic) = ProblemCodes(Path.Combine(RepositoryRoot(), "src"));

        // The scan must keep finding the codes it is known to find, or a broken regex would pass silently.
        codes.Count.ShouldBeGreaterThan(80);
        codes.Keys.ShouldContain("stages-open");
        codes.Keys.ShouldContain("not-found");
        codes.Keys.ShouldContain("staff-busy");
        codes.Keys.ShouldContain("stage-not-started");
        codes.Keys.ShouldContain("file-type-not-allowed");
        dynamic.Select(d => d.Argument).Distinct().Order(StringComparer.Ordinal).ShouldBe(Relayed.Keys.Order(StringComparer.Ordinal));

        var texts = AppTexts();
        var missing = codes.Where(c => !texts.HasRussian(ConsoleTexts.ProblemKey(c.Key)))
            .Select(c => $"{c.Key} ({string.Join(", ", c.Value.Order(StringComparer.Ordinal))})")
            .ToList();
        missing.ShouldBeEmpty("Add [\"problem:<code>\"] = \"<Russian>\" to the module's Texts dictionary (generic codes: the console's ShellTexts).");
    }

    [Fact]
    public void The_kernels_standard_field_errors_and_a_refusal_with_a_number_read_in_Russian_with_the_registered_translations()
    {
        var texts = AppTexts();
        var invalid = Should.Throw<ValidationException>(() => new Rules().Required(" ", "name").Length("x", "slug", 2, 40).ThrowIfInvalid());

        RefusalTextsTests.InRussian(() =>
        {
            var fields = texts.InvalidFields(invalid.Errors);
            fields["name"].ShouldBe(["обязательное поле."]);
            fields["slug"].ShouldBe(["должно содержать от 2 до 40 символов."]);
            texts.Refusal(new ConflictException("3 stage(s) are not done yet: complete or skip them first.", "stages-open"))
                .ShouldBe("Не завершено этапов: 3. Завершите или пропустите их.");
            texts.Refusal(new ConflictException("The work order is delivered: it takes no more changes.", "work-order-closed"))
                .ShouldBe("Заказ закрыт: изменить его уже нельзя.");
        });
    }

    /// <summary>The console's texts as the app registers them: the host's own service wiring, every module included.</summary>
    private static ConsoleTexts AppTexts()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var addServices = typeof(Portico.Server.PorticoApp).GetMethod("AddServices", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("PorticoApp.AddServices(services, configuration) is where the host wires its modules.");
        addServices.Invoke(null, [services, configuration]);
        var translations = services.Where(d => d.ServiceType == typeof(ConsoleTranslation)).Select(d => (ConsoleTranslation)d.ImplementationInstance!).ToList();
        translations.Count.ShouldBeGreaterThan(10);
        return new ConsoleTexts(translations);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portico.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Portico.slnx was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// The problem codes written in the sources, by code, with the files that use them. A code is a lower-case
    /// literal (<c>"stages-open"</c>) or a <c>const string</c> holding one (<c>StageWork.ClosedCode</c>), or either side of
    /// a <c>?:</c> of those, when it is an argument after the first (the message) of:
    /// <list type="bullet">
    /// <item><c>new XxxException(…)</c> — but not <c>NotFoundException</c>, whose arguments are an entity and an id;</item>
    /// <item>a target-typed <c>new(…)</c>, for constants whose name ends in <c>Code</c> only;</item>
    /// <item>a call of a static helper of the same file that takes a <c>string code</c> and turns it into a problem
    /// (<c>WorkOrderFlow.Require</c>, the problem answers of the HTTP pipeline);</item>
    /// </list>
    /// and also <c>override string Code =&gt; …</c> and the <c>string code = "…"</c> default of an exception's constructor.
    /// An argument after the first that ends in <c>.Code</c> is a code passed on at run time: it is returned in
    /// <c>dynamic</c>, to be listed in <see cref="Relayed"/>.
    /// </summary>
    private static (Dictionary<string, HashSet<string>> Codes, List<(string File, string Argument)> Dynamic) ProblemCodes(string src)
    {
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "Migrations"))
            .ToDictionary(f => Path.GetRelativePath(src, f), File.ReadAllText);
        var constants = files.Values.SelectMany(text => Constant().Matches(text))
            .GroupBy(m => m.Groups["name"].Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Groups["value"].Value).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var codes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var dynamic = new List<(string, string)>();

        void Add(string code, string file)
        {
            if (!codes.TryGetValue(code, out var where))
            {
                codes[code] = where = new HashSet<string>(StringComparer.Ordinal);
            }

            where.Add(file);
        }

        IEnumerable<string> Resolve(string argument, bool constantsNamedCodeOnly)
        {
            var value = CodeLabel().Replace(argument.Trim(), "");
            var sides = Conditional().Match(value) is { Success: true } choice ? [choice.Groups["a"].Value.Trim(), choice.Groups["b"].Value.Trim()] : new[] { value };
            foreach (var side in sides)
            {
                if (!constantsNamedCodeOnly && Literal().Match(side) is { Success: true } literal)
                {
                    yield return literal.Groups["code"].Value;
                }
                else if (ConstantReference().IsMatch(side) && (!constantsNamedCodeOnly || side.EndsWith("Code", StringComparison.Ordinal))
                    && constants.TryGetValue(side[(side.LastIndexOf('.') + 1)..], out var values))
                {
                    foreach (var code in values)
                    {
                        yield return code;
                    }
                }
            }
        }

        foreach (var (file, text) in files)
        {
            var calls = new List<(int Open, bool TargetTyped)>();
            calls.AddRange(ExceptionConstruction().Matches(text).Where(m => m.Groups["type"].Value != "NotFoundException").Select(m => (m.Index + m.Length, false)));
            calls.AddRange(TargetTypedNew().Matches(text).Select(m => (m.Index + m.Length, true)));
            foreach (Match helper in CodeHelper().Matches(text))
            {
                var body = text.Substring(helper.Index, Math.Min(600, text.Length - helper.Index));
                if (body.Contains("Exception(", StringComparison.Ordinal) || body.Contains("TypeBase + code", StringComparison.Ordinal))
                {
                    var name = helper.Groups["name"].Value;
                    calls.AddRange(Regex.Matches(text, $@"(?<![\w.]){name}\(").Where(m => m.Index != helper.Groups["name"].Index).Select(m => (m.Index + m.Length, false)));
                }
            }

            foreach (var (open, targetTyped) in calls)
            {
                foreach (var argument in CSharpText.Arguments(text, open).Skip(1))
                {
                    foreach (var code in Resolve(argument, targetTyped))
                    {
                        Add(code, file);
                    }

                    if (Relay().IsMatch(argument.Trim()))
                    {
                        dynamic.Add((file, argument.Trim()));
                    }
                }
            }

            foreach (Match code in OverriddenCode().Matches(text))
            {
                foreach (var resolved in Resolve(code.Groups["value"].Value, false))
                {
                    Add(resolved, file);
                }
            }

            foreach (Match code in DefaultCode().Matches(text))
            {
                Add(code.Groups["code"].Value, file);
            }
        }

        return (codes, dynamic);
    }

    [GeneratedRegex(@"const string (?<name>\w+) = ""(?<value>[a-z0-9][a-z0-9_-]*)"";")]
    private static partial Regex Constant();

    [GeneratedRegex(@"\bnew (?<type>\w*Exception)\(")]
    private static partial Regex ExceptionConstruction();

    [GeneratedRegex(@"\bnew\(")]
    private static partial Regex TargetTypedNew();

    [GeneratedRegex(@"static [\w<>?]+ (?<name>\w+)\([^)]*\bstring code\b[^)]*\)")]
    private static partial Regex CodeHelper();

    [GeneratedRegex(@"override string Code\s*=>\s*(?<value>[^;]+);")]
    private static partial Regex OverriddenCode();

    [GeneratedRegex(@"class \w+Exception\([^)]*\bstring code = ""(?<code>[a-z0-9][a-z0-9_-]*)""")]
    private static partial Regex DefaultCode();

    [GeneratedRegex(@"^code:\s*")]
    private static partial Regex CodeLabel();

    [GeneratedRegex(@"^[^?]+\?(?<a>[^:]+):(?<b>[^:]+)$")]
    private static partial Regex Conditional();

    [GeneratedRegex(@"^""(?<code>[a-z0-9][a-z0-9_-]*)""$")]
    private static partial Regex Literal();

    [GeneratedRegex(@"^[A-Z]\w*(\.[A-Z]\w*)*$")]
    private static partial Regex ConstantReference();

    [GeneratedRegex(@"^[\w!]+(\.\w+)*\.Code$")]
    private static partial Regex Relay();
}

/// <summary>Just enough C# lexing to split a call's arguments: strings (also verbatim, interpolated, raw), chars, comments.</summary>
internal static class CSharpText
{
    /// <summary>The arguments of the call whose opening parenthesis ends just before <paramref name="open"/>.</summary>
    public static List<string> Arguments(string text, int open)
    {
        var arguments = new List<string>();
        var start = open;
        var depth = 0;
        for (var i = open; i < text.Length;)
        {
            var c = text[i];
            if (IsLiteralStart(text, i))
            {
                i = SkipLiteral(text, i);
                continue;
            }

            if (c == '\'' || (c == '/' && i + 1 < text.Length && text[i + 1] is '/' or '*'))
            {
                i = SkipCharOrComment(text, i);
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (depth == 0)
                {
                    if (i > start || arguments.Count > 0)
                    {
                        arguments.Add(text[start..i]);
                    }

                    return arguments;
                }

                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                arguments.Add(text[start..i]);
                start = i + 1;
            }

            i++;
        }

        return arguments;
    }

    private static bool IsLiteralStart(string text, int i)
    {
        var j = i;
        while (j < text.Length && text[j] is '$' or '@')
        {
            j++;
        }

        return j < text.Length && text[j] == '"';
    }

    /// <summary>Skips one code fragment up to and including <paramref name="close"/>, for the holes of interpolated strings.</summary>
    private static int SkipCode(string text, int i, char close)
    {
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsLiteralStart(text, i))
            {
                i = SkipLiteral(text, i);
                continue;
            }

            if (c == '\'')
            {
                i = SkipCharOrComment(text, i);
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (depth == 0 && c == close)
                {
                    return i + 1;
                }

                depth--;
            }

            i++;
        }

        return i;
    }

    private static int SkipLiteral(string text, int i)
    {
        var (interpolated, verbatim) = (false, false);
        while (text[i] is '$' or '@')
        {
            interpolated |= text[i] == '$';
            verbatim |= text[i] == '@';
            i++;
        }

        if (string.CompareOrdinal(text, i, "\"\"\"", 0, 3) == 0)
        {
            var end = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
            return end < 0 ? text.Length : end + 3;
        }

        for (i++; i < text.Length;)
        {
            var c = text[i];
            if (!verbatim && c == '\\')
            {
                i += 2;
            }
            else if (c == '"')
            {
                if (verbatim && i + 1 < text.Length && text[i + 1] == '"')
                {
                    i += 2;
                }
                else
                {
                    return i + 1;
                }
            }
            else if (interpolated && c == '{')
            {
                i = i + 1 < text.Length && text[i + 1] == '{' ? i + 2 : SkipCode(text, i + 1, '}');
            }
            else
            {
                i++;
            }
        }

        return i;
    }

    private static int SkipCharOrComment(string text, int i)
    {
        if (text[i] == '\'')
        {
            var end = text.IndexOf('\'', text[i + 1] == '\\' ? i + 3 : i + 2);
            return end < 0 ? text.Length : end + 1;
        }

        if (text[i + 1] == '/')
        {
            var end = text.IndexOf('\n', i);
            return end < 0 ? text.Length : end + 1;
        }

        var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
        return close < 0 ? text.Length : close + 2;
    }
}
