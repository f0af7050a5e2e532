using System.Net.Mail;

namespace Portico.Crm.Records;

/// <summary>Email addresses compared and stored lower-cased and trimmed.</summary>
internal static class Emails
{
    public static string? Normalize(string? raw)
    {
        var text = raw?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text) || text.Length > 254 || text.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        return MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.', StringComparison.Ordinal) ? text : null;
    }
}
