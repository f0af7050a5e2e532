using System.Globalization;

namespace Portico.Console.Shell;

/// <summary>Dates, numbers and money as the reader's locale writes them, in the reader's time zone.</summary>
public static class Formats
{
    /// <summary>A moment in <paramref name="timeZone"/> (IANA), as a short date and time of the current culture.</summary>
    public static string DateTime(DateTimeOffset? moment, string timeZone) =>
        moment is { } value ? InZone(value, timeZone).ToString("g", CultureInfo.CurrentCulture) : "—";

    public static string Date(DateTimeOffset? moment, string timeZone) =>
        moment is { } value ? InZone(value, timeZone).ToString("d", CultureInfo.CurrentCulture) : "—";

    public static DateTimeOffset InZone(DateTimeOffset moment, string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? TimeZoneInfo.ConvertTime(moment, zone) : moment.ToUniversalTime();

    /// <summary>An amount in minor units (cents, kopecks) of <paramref name="currency"/>, in the current culture's style.</summary>
    public static string Money(long? minor, string? currency)
    {
        if (minor is not { } amount)
        {
            return "—";
        }

        var format = (NumberFormatInfo)CultureInfo.CurrentCulture.NumberFormat.Clone();
        format.CurrencySymbol = Symbol(currency);
        return (amount / 100m).ToString("C", format);
    }

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private static string Symbol(string? currency) => currency?.ToUpperInvariant() switch
    {
        "EUR" => "€",
        "USD" => "$",
        "RUB" => "₽",
        "GBP" => "£",
        null or "" => "",
        var code => code,
    };
}
