using System.Text;

namespace Portico.Crm.Records;

/// <summary>
/// Builds the searchable text of a record and turns a user's <c>q</c> into a prefix query. Emails are also
/// split into their parts and phones are indexed as digits (international and national), so «anna», «mail.ru»,
/// «+7 999 123» and «8 999 123» all find the record.
/// </summary>
internal static class SearchText
{
    public static string Build(params IEnumerable<string?>[] parts)
    {
        var text = new StringBuilder();
        foreach (var value in parts.SelectMany(p => p))
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            text.Append(value.ToLowerInvariant()).Append(' ');
            if (value.Contains('@', StringComparison.Ordinal))
            {
                text.Append(string.Join(' ', Words(value))).Append(' ');
            }
            else if (value.StartsWith('+') && value.Skip(1).All(char.IsAsciiDigit))
            {
                text.Append(value[1..]).Append(' ');
                var (national, dialledAtHome) = Phones.NationalForms(value);
                if (national is not null)
                {
                    text.Append(national).Append(' ');
                }

                // «8 999 123…» (Russia) or «030 123…» (Germany): the number as dialled at home, trunk prefix included,
                // so a prefix of it finds the record too.
                if (dialledAtHome is { Length: > 0 } dialled && dialled != national)
                {
                    text.Append(dialled).Append(' ');
                }
            }
        }

        return text.Length > 4000 ? text.ToString(0, 4000) : text.ToString().TrimEnd();
    }

    /// <summary>The query's words (letters and digits), lower-cased; a phone-like query becomes one run of digits.</summary>
    public static IReadOnlyList<string> Terms(string q)
    {
        var trimmed = q.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length >= 5 && trimmed.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.'))
        {
            // «8 999 …» is how Russians write a national number; the index holds it without the trunk prefix.
            return [digits.Length == 11 && digits[0] == '8' ? digits[1..] : digits];
        }

        return Words(trimmed).Take(8).ToList();
    }

    /// <summary>
    /// The words of a text: maximal runs of letters and decimal digits (Unicode categories L and Nd, a letter outside
    /// the Basic Multilingual Plane included), lower-cased. PostgreSQL's <c>crm.search_words</c> splits the stored
    /// search text by the same rule (migration <c>SearchTermsSplitLikeTheApp</c>), so every word of a query can
    /// be a prefix of an indexed one.
    /// </summary>
    public static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(Rune.ToLowerInvariant(rune));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
