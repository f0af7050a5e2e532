namespace Portico.Inventory;

/// <summary>
/// Quantities are decimals with at most 3 places (0.5 l, 1.25 m, 3 pcs); stored as integer thousandths so that every
/// comparison and sum is exact on SQLite and PostgreSQL alike.
/// </summary>
internal static class Quantities
{
    /// <summary>The largest quantity accepted: a billion units.</summary>
    public const decimal Max = 1_000_000_000m;

    public static decimal View(long milli) => decimal.Round(milli / 1000m, 3) + 0.000m;

    public static decimal? View(long? milli) => milli is { } value ? View(value) : null;

    public static long ToMilli(decimal quantity) => (long)(quantity * 1000m);

    /// <summary>Checks a quantity: at most 3 decimals, within ±<see cref="Max"/>; positive unless <paramref name="allowZero"/> or <paramref name="signed"/>.</summary>
    public static long? Check(decimal? quantity, Rules rules, string field, bool allowZero = false, bool signed = false)
    {
        if (quantity is not { } value)
        {
            return null;
        }

        var scaled = value * 1000m;
        if (scaled != decimal.Truncate(scaled))
        {
            rules.Check(false, field, "must have at most 3 decimals.");
            return null;
        }

        if (Math.Abs(value) > Max)
        {
            rules.Check(false, field, $"must be at most {Max:0}.");
            return null;
        }

        if (signed ? value == 0 && !allowZero : value < 0 || (value == 0 && !allowZero))
        {
            rules.Check(false, field, signed ? "must not be zero." : allowZero ? "must not be negative." : "must be greater than zero.");
            return null;
        }

        return (long)scaled;
    }
}
