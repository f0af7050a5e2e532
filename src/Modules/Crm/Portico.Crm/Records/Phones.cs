using PhoneNumbers;

namespace Portico.Crm.Records;

/// <summary>Phone numbers in E.164 (<c>+79991234567</c>), parsed with libphonenumber in the tenant's country by default.</summary>
internal static class Phones
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164, or null when it is not a possible phone number.</summary>
    public static string? Normalize(string? raw, string? defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 40)
        {
            return null;
        }

        try
        {
            var number = Util.Parse(raw.Trim(), string.IsNullOrEmpty(defaultRegion) ? "ZZ" : defaultRegion);
            return Util.IsPossibleNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>The digits as dialled within the country, trunk prefix included (<c>89991234567</c> for <c>+79991234567</c>, <c>0301234567</c> for <c>+49301234567</c>).</summary>
    public static string? NationalDialDigits(string e164)
    {
        try
        {
            var national = Util.Format(Util.Parse(e164, "ZZ"), PhoneNumberFormat.NATIONAL);
            return new string(national.Where(char.IsAsciiDigit).ToArray());
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// <see cref="NationalDigits"/> and <see cref="NationalDialDigits"/> from one parse (the search text of every record
    /// with a phone needs both).
    /// </summary>
    public static (string? National, string? Dialled) NationalForms(string e164)
    {
        try
        {
            var number = Util.Parse(e164, "ZZ");
            var dialled = Util.Format(number, PhoneNumberFormat.NATIONAL);
            return (Util.GetNationalSignificantNumber(number), new string(dialled.Where(char.IsAsciiDigit).ToArray()));
        }
        catch (NumberParseException)
        {
            return (null, null);
        }
    }

    /// <summary>The national significant number's digits (<c>9991234567</c> for <c>+79991234567</c>).</summary>
    public static string? NationalDigits(string e164)
    {
        try
        {
            return Util.GetNationalSignificantNumber(Util.Parse(e164, "ZZ"));
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
