using System.Globalization;
using Portico.Crm.Contracts;

namespace Portico.Crm.Records;

/// <summary>
/// Money is kept as integer minor units and a currency (no floating point, and sums work in SQL on both
/// providers); the API shows <c>{"amount": "12.50", "currency": "EUR"}</c>.
/// </summary>
internal static class Money
{
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.Ordinal)
    {
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.Ordinal) { "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND" };

    public static int Digits(string currency) => ZeroDecimal.Contains(currency) ? 0 : ThreeDecimal.Contains(currency) ? 3 : 2;

    public static MoneyAmount? View(long? minor, string? currency) =>
        minor is { } value && currency is not null
            ? new MoneyAmount((value / (decimal)Pow10(Digits(currency))).ToString("F" + Digits(currency), CultureInfo.InvariantCulture), currency)
            : null;

    /// <summary>Parses <c>{amount, currency}</c> into minor units; adds a field error when the amount is not a number with at most the currency's decimals.</summary>
    public static (long Minor, string Currency)? Parse(MoneyAmount? money, string defaultCurrency, Rules rules, string field)
    {
        if (money is null)
        {
            return null;
        }

        var currency = string.IsNullOrWhiteSpace(money.Currency) ? defaultCurrency : money.Currency.Trim().ToUpperInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            rules.Check(false, field + ".currency", "must be an ISO 4217 currency code such as EUR or RUB.");
            return null;
        }

        if (TryMinor(money.Amount, currency, out var minor))
        {
            return (minor, currency);
        }

        rules.Check(false, field + ".amount", $"must be a decimal number with at most {Digits(currency)} decimals, such as \"1500.00\".");
        return null;
    }

    public static bool TryMinor(string? amount, string currency, out long minor)
    {
        minor = 0;
        if (!decimal.TryParse(amount?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || Math.Abs(value) > 1_000_000_000_000m)
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

    private static long Pow10(int digits) => digits switch { 0 => 1, 3 => 1000, _ => 100 };
}
