using System.Globalization;
using Portico.Crm.Contracts;

namespace Portico.Crm.Records;

/// <summary>
/// Money is kept as integer minor units and a currency (no floating point, and sums work in SQL on both
/// providers); the API shows <c>{"amount": "12.50", "currency": "EUR"}</c>.
/// </summary>
internal static class Money
{
    public static int Digits(string currency) => MinorUnits.Digits(currency);

    public static MoneyAmount? View(long? minor, string? currency) =>
        minor is { } value && currency is not null
            ? MinorUnits.View(value, currency)
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

    public static bool TryMinor(string? amount, string currency, out long minor) => MinorUnits.TryParse(amount, currency, out minor);
}
