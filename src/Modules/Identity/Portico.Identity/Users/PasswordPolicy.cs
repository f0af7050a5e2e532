using System.Collections.Frozen;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Portico.Identity.Users;

/// <summary>
/// OWASP ASVS 5 password rules: 10 to 128 characters, no composition rules, not one of the common
/// passwords that ship in the assembly (45 000 leaked passwords of 10+ characters, see
/// Passwords/README.md), and not built on the context: the product name, the person's email or name.
/// Each failure names its rule.
/// </summary>
internal sealed class PasswordPolicy : IPasswordValidator<User>
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    /// <summary>The product's own name: the first word attackers try against its users.</summary>
    public const string ProductName = "portico";

    private const int MinWordLength = 3;

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommonPasswords);

    private static readonly FrozenDictionary<char, char> Leet = new Dictionary<char, char>
    {
        ['@'] = 'a', ['4'] = 'a', ['8'] = 'b', ['('] = 'c', ['3'] = 'e', ['6'] = 'g', ['9'] = 'g', ['1'] = 'i', ['!'] = 'i',
        ['|'] = 'l', ['0'] = 'o', ['$'] = 's', ['5'] = 's', ['7'] = 't', ['+'] = 't', ['2'] = 'z',
    }.ToFrozenDictionary();

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password) =>
        Task.FromResult(Check(password, user.Email, user.FullName) is { } error
            ? IdentityResult.Failed(new IdentityError { Code = "password", Description = error })
            : IdentityResult.Success);

    /// <summary>The broken rule, or null when the password is acceptable for this person.</summary>
    public static string? Check(string? password, string? email = null, string? fullName = null) => password switch
    {
        null or "" => "is required.",
        { Length: < MinLength } => $"must be at least {MinLength} characters long.",
        { Length: > MaxLength } => $"must be at most {MaxLength} characters long.",
        _ when IsCommon(password) => "is one of the most common passwords, or one with digits, symbols or look-alike letters added; choose another.",
        _ when IsBuiltOnContext(password, ContextWords(email, fullName)) => "is built on the product name, your email or your name; choose something else.",
        _ => null,
    };

    /// <summary>Exactly a common password, or a common password's core with digits, symbols or leetspeak around it.</summary>
    internal static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (Common.Value.Contains(lower))
        {
            return true;
        }

        var core = StripEnds(lower);
        return (core.Length >= 4 && Common.Value.Contains(core))
            || Common.Value.Contains(Unleet(lower))
            || (Unleet(core) is { Length: >= 4 } plainCore && Common.Value.Contains(plainCore));
    }

    /// <summary>
    /// True when taking the context words out leaves fewer than 6 letters: "Portico2024!", "anna.smith123",
    /// "Smith-Anna-1990". A long passphrase that merely mentions one of them passes.
    /// </summary>
    internal static bool IsBuiltOnContext(string password, IReadOnlyCollection<string> words)
    {
        var plain = Unleet(password.ToLowerInvariant());
        var lower = password.ToLowerInvariant();
        foreach (var word in words.OrderByDescending(w => w.Length))
        {
            plain = plain.Replace(word, "", StringComparison.Ordinal);
            lower = lower.Replace(word, "", StringComparison.Ordinal);
        }

        return Math.Min(plain.Count(char.IsLetter), lower.Count(char.IsLetter)) < 6;
    }

    /// <summary>The product name, the email's local part (and its pieces) and domain labels, the name's parts; lowercase.</summary>
    internal static IReadOnlyCollection<string> ContextWords(string? email, string? fullName)
    {
        var words = new HashSet<string>(StringComparer.Ordinal) { ProductName };
        if (EmailAddresses.Normalize(email) is { } address)
        {
            var at = address.LastIndexOf('@');
            var local = address[..at].ToLowerInvariant();
            words.Add(local);
            words.UnionWith(local.Split(['.', '_', '-', '+'], StringSplitOptions.RemoveEmptyEntries));
            var labels = address[(at + 1)..].Split('.');
            words.UnionWith(labels[..^1]); // "example" of example.com; not the top-level domain
        }

        words.UnionWith((fullName ?? "").ToLowerInvariant().Split([' ', '-', '.', '\'', ','], StringSplitOptions.RemoveEmptyEntries));
        words.RemoveWhere(w => w.Length < MinWordLength);
        return words;
    }

    private static string StripEnds(string value) =>
        value.Trim().TrimStart(NotLetter).TrimEnd(NotLetter);

    private static readonly char[] NotLetter = [.. Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).Where(c => !char.IsLetter(c))];

    private static string Unleet(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(Leet.GetValueOrDefault(c, c));
        }

        return builder.ToString();
    }

    private static FrozenSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Portico.Identity.common-passwords.txt.gz")
            ?? throw new InvalidOperationException("The common password list is missing from the assembly.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress), Encoding.UTF8);
        var set = new HashSet<string>(60_000, StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set.ToFrozenSet(StringComparer.Ordinal);
    }
}
