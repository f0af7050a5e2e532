using System.Globalization;
using Portico.Kernel.Errors;

namespace Portico.Crm.Contracts;

/// <summary>
/// Money is kept as integer minor units of a currency (no floating point; sums work in SQL on both providers) and shown
/// as <see cref="MoneyAmount"/>, <c>{"amount": "1500.00", "currency": "RUB"}</c>. The one home of the currency's
/// decimals for every module that prices something (deals, services, parts, labour, appointments).
/// </summary>
public static class MinorUnits
{
    /// <summary>The largest amount accepted: a trillion in major units.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.Ordinal)
    {
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.Ordinal) { "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND" };

    public static int Digits(string currency) => ZeroDecimal.Contains(currency) ? 0 : ThreeDecimal.Contains(currency) ? 3 : 2;

    public static MoneyAmount View(long minor, string currency) =>
        new((minor / (decimal)Pow10(Digits(currency))).ToString("F" + Digits(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), currency);

    public static MoneyAmount? View(long? minor, string currency) => minor is { } value ? View(value, currency) : null;

    /// <summary>Reads a decimal string with at most the currency's decimals into minor units (negative allowed).</summary>
    public static bool TryParse(string? amount, string currency, out long minor)
    {
        minor = 0;
        if (!decimal.TryParse(amount?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || Math.Abs(value) > MaxAmount)
        {
            return false;
        }

        var scaled = value * Pow10(Digits(currency));
        if (scaled != decimal.Truncate(scaled))
        {
            return false;
        }

        minor = (long)scaled;
        return true;
    }

    /// <summary>Reads a non-negative price; adds a field error and gives null otherwise (a missing amount is null without error).</summary>
    public static long? Parse(string? amount, string currency, Rules rules, string field)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (amount is null)
        {
            return null;
        }

        if (!TryParse(amount, currency, out var minor))
        {
            var number = decimal.TryParse(amount.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && Math.Abs(value) <= MaxAmount;
            rules.Check(false, field, number
                ? $"must have at most {Digits(currency)} decimals in {currency}."
                : $"must be a decimal number with at most {Digits(currency)} decimals, such as \"1500.00\".");
            return null;
        }

        if (minor < 0)
        {
            rules.Check(false, field, "must not be negative.");
            return null;
        }

        return minor;
    }

    private static long Pow10(int digits) => digits switch { 0 => 1, 3 => 1000, _ => 100 };
}
