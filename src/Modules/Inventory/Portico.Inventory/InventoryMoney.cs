using System.Globalization;
using Portico.Crm.Contracts;

namespace Portico.Inventory;

/// <summary>
/// Prices are integer minor units in the tenant's currency; the API shows them as the CRM does,
/// <c>{"amount": "1500.00", "currency": "RUB"}</c>, and takes amounts as decimal strings in the tenant's currency.
/// </summary>
internal static class InventoryMoney
{
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.Ordinal)
    {
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.Ordinal) { "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND" };

    /// <summary>The largest price accepted: a trillion in major units.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    public static int Digits(string currency) => ZeroDecimal.Contains(currency) ? 0 : ThreeDecimal.Contains(currency) ? 3 : 2;

    public static MoneyAmount View(long minor, string currency) =>
        new((minor / (decimal)Pow10(Digits(currency))).ToString("F" + Digits(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), currency);

    public static MoneyAmount? View(long? minor, string currency) => minor is { } value ? View(value, currency) : null;

    /// <summary>Reads a non-negative amount with at most the currency's decimals; adds a field error otherwise.</summary>
    public static long? Parse(string? amount, string currency, Rules rules, string field)
    {
        if (amount is null)
        {
            return null;
        }

        if (!decimal.TryParse(amount.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value > MaxAmount || value < -MaxAmount)
        {
            rules.Check(false, field, $"must be a decimal number with at most {Digits(currency)} decimals, such as \"1500.00\".");
            return null;
        }

        var scaled = value * Pow10(Digits(currency));
        if (scaled != decimal.Truncate(scaled))
        {
            rules.Check(false, field, $"must have at most {Digits(currency)} decimals in {currency}.");
            return null;
        }

        if (scaled < 0)
        {
            rules.Check(false, field, "must not be negative.");
            return null;
        }

        return (long)scaled;
    }

    private static long Pow10(int digits) => digits switch { 0 => 1, 3 => 1000, _ => 100 };
}
