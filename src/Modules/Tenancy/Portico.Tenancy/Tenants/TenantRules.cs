using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portico.Tenancy.Tenants;

/// <summary>The rules every tenant write shares: slugs, time zones, currencies, locales, countries.</summary>
internal static partial class TenantRules
{
    public static readonly string[] Locales = ["en", "ru"];

    // Host names and first path segments the platform uses itself.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "www", "api", "app", "admin", "administrator", "root", "system", "portico", "docs", "health", "metrics",
        "mail", "smtp", "static", "assets", "cdn", "console", "status", "support", "help", "billing", "login",
        "logout", "auth", "oauth", "public", "webhooks", "hubs", "openapi", "platform", "tenants", "new",
    };

    private static readonly Lazy<HashSet<string>> Currencies = new(() => CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
        .OfType<string>()
        .ToHashSet(StringComparer.Ordinal));

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$")]
    private static partial Regex SlugPattern();

    public static Rules CheckSlug(this Rules rules, string? slug, string field = "slug")
    {
        if (slug is null)
        {
            return rules;
        }

        return rules
            .Check(SlugPattern().IsMatch(slug) && !slug.Contains("--", StringComparison.Ordinal), field,
                "must be 3 to 40 lowercase letters, digits or single hyphens, starting and ending with a letter or digit.")
            .Check(!Reserved.Contains(slug), field, $"'{slug}' is reserved.");
    }

    public static Rules CheckSettings(this Rules rules, string? timeZone, string? currency, string? locale) => rules
        .Check(timeZone is null || TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _), "timeZone", "must be an IANA time zone such as Europe/Moscow.")
        .Check(currency is null || Currencies.Value.Contains(currency), "currency", "must be an ISO 4217 currency code such as EUR or RUB.")
        .OneOf(locale, "locale", Locales);

    /// <summary>Either case is accepted; <see cref="NormalizeCountry"/> stores it uppercase.</summary>
    public static Rules CheckCountry(this Rules rules, string? country) => rules
        .Check(country is null || IsCountry(country), "country", "must be an ISO 3166 country code such as RU or DE.");

    public static string? NormalizeCountry(string? country) => country?.ToUpperInvariant();

    private static bool IsCountry(string code)
    {
        // RegionInfo also takes culture names (ru-RU) and numeric codes (001): only two letters are a country here.
        if (code.Length != 2 || !code.All(char.IsAsciiLetter))
        {
            return false;
        }

        try
        {
            return string.Equals(new RegionInfo(code).TwoLetterISORegionName, code, StringComparison.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Makes a slug from a display name, transliterating Cyrillic («Салон Мечта» → salon-mechta).</summary>
    public static string SlugFrom(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            text.Append(c switch
            {
                >= 'a' and <= 'z' or >= '0' and <= '9' => c.ToString(),
                _ when Cyrillic.TryGetValue(c, out var latin) => latin,
                _ => "-",
            });
        }

        var slug = HyphenRuns().Replace(text.ToString(), "-").Trim('-');
        if (slug.Length > 34)
        {
            slug = slug[..34].TrimEnd('-');
        }

        return slug.Length < 3 || Reserved.Contains(slug) ? $"tenant-{slug}".Trim('-') : slug;
    }

    [GeneratedRegex("-+")]
    private static partial Regex HyphenRuns();

    // ICAO Doc 9303 transliteration (the one in Russian passports).
    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh",
        ['з'] = "z", ['и'] = "i", ['й'] = "i", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o",
        ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts",
        ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch", ['ъ'] = "ie", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "iu",
        ['я'] = "ia", ['і'] = "i", ['ї'] = "i", ['є'] = "ie", ['ґ'] = "g",
    };
}
