using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace Portico.Kernel.Security;

/// <summary>
/// The one home for "which mailbox is this": every place where an email identifies a person (sign-up,
/// sign-in, magic links, password resets, invitations, outside providers) goes through here, so
/// <c>anna@example.com.</c>, <c>ａnna@example.com</c>, <c>anna@EXAMPLE.com</c> and
/// <c>anna@bücher.example</c> / <c>anna@xn--bcher-kva.example</c> are each one account, not two.
/// </summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;

    /// <summary>
    /// The canonical form, or null when the value is not an email address: trimmed, NFKC-normalized
    /// (fullwidth and compatibility characters become their plain forms), one trailing dot of the domain
    /// removed, the domain in lowercase ASCII (IDNA punycode). The local part keeps its case, as mail
    /// servers may treat it case-sensitively; <see cref="LookupKey"/> ignores its case.
    /// </summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength * 4)
        {
            return null;
        }

        string text;
        try
        {
            text = value.Trim().Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return null; // unpaired surrogates and the like
        }

        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            return null;
        }

        var local = text[..at];
        var domain = text[(at + 1)..];
        if (domain.EndsWith('.'))
        {
            domain = domain[..^1]; // the root label: "example.com." is "example.com"
        }

        if (domain.Length == 0 || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal) || local.Any(char.IsControl))
        {
            return null;
        }

        try
        {
            // A new mapping per call: instances are not documented as thread-safe. STD3 rules refuse blanks, "<", "_" ….
            domain = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(domain.ToLowerInvariant()).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        var canonical = $"{local}@{domain}";
        return canonical.Length <= MaxLength && MailAddress.TryCreate(canonical, out var parsed) && parsed.Address == canonical && parsed.DisplayName.Length == 0
            ? canonical
            : null;
    }

    public static bool IsValid(string? value) => Normalize(value) is not null;

    /// <summary>The key accounts and invitations are found by: the canonical form in upper case; null when not an address.</summary>
    public static string? LookupKey(string? value) => Normalize(value)?.ToUpperInvariant();

    /// <summary>Whether two strings name one mailbox.</summary>
    public static bool SameMailbox(string? a, string? b) => LookupKey(a) is { } x && x == LookupKey(b);

    /// <summary>For logs: the first letter of the local part and the domain (<c>a***@example.com</c>), never the whole address.</summary>
    public static string Mask(string? value)
    {
        var canonical = Normalize(value);
        if (canonical is null)
        {
            return "(invalid)";
        }

        var at = canonical.LastIndexOf('@');
        return $"{canonical[0]}***{canonical[at..]}";
    }
}
