namespace Portico.Crm.Vehicles;

/// <summary>
/// Vehicle identification numbers (ISO 3779): 17 letters and digits without I, O and Q. Position 9 is a check
/// digit in North America (world manufacturer codes starting 1-5): there it must match; elsewhere manufacturers may
/// use the position for anything, so a mismatch is only reported.
/// </summary>
internal static class Vin
{
    public const int Length = 17;

    /// <summary>The check digit is enforced: the vehicle was made for North America.</summary>
    public const string Valid = "valid";

    /// <summary>Outside North America: position 9 did not match the check digit, which is not required there.</summary>
    public const string NotApplicable = "not-applicable";

    private static readonly int[] Weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    /// <summary>Trimmed and upper-cased; spaces and hyphens people type between groups are dropped.</summary>
    public static string Normalize(string vin) =>
        new([.. vin.Trim().ToUpperInvariant().Where(c => c is not (' ' or '-'))]);

    /// <summary>Why <paramref name="vin"/> (normalized) is not a VIN, or null when it is one.</summary>
    public static string? Problem(string vin)
    {
        if (vin.Length != Length)
        {
            return $"must be {Length} characters long (it has {vin.Length}).";
        }

        if (vin.Any(c => c is 'I' or 'O' or 'Q'))
        {
            return "must not contain the letters I, O or Q (they are read as 1 and 0).";
        }

        if (!vin.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
        {
            return "may only contain Latin letters and digits.";
        }

        if (IsNorthAmerican(vin) && CheckDigit(vin) is var expected && vin[8] != expected)
        {
            return $"has a wrong check digit: position 9 is '{vin[8]}', the VIN's other characters give '{expected}'. Check it for a typo.";
        }

        return null;
    }

    /// <summary>Made for North America (the check digit is mandatory there).</summary>
    public static bool IsNorthAmerican(string vin) => vin.Length > 0 && vin[0] is >= '1' and <= '5';

    /// <summary><see cref="Valid"/> when position 9 holds the check digit, <see cref="NotApplicable"/> otherwise (only possible outside North America).</summary>
    public static string CheckOf(string vin) => vin.Length == Length && CheckDigit(vin) == vin[8] ? Valid : NotApplicable;

    /// <summary>The check digit of a 17-character VIN: the weighted sum of transliterated characters modulo 11, 10 written X.</summary>
    public static char CheckDigit(string vin)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(vin.Length, Length);
        var sum = 0;
        for (var i = 0; i < Length; i++)
        {
            sum += Value(vin[i]) * Weights[i];
        }

        var remainder = sum % 11;
        return remainder == 10 ? 'X' : (char)('0' + remainder);
    }

    // A-H → 1-8, J-R → 1-9 (no O, Q; P is 7, R is 9), S-Z → 2-9.
    private static int Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'H' => c - 'A' + 1,
        >= 'J' and <= 'N' => c - 'J' + 1,
        'P' => 7,
        'R' => 9,
        >= 'S' and <= 'Z' => c - 'S' + 2,
        _ => 0,
    };
}
