using Portico.Crm.Vehicles;

namespace Portico.UnitTests.Crm;

public sealed class VinTests
{
    [Theory]
    [InlineData("1M8GDM9AXKP042788", 'X')]
    [InlineData("11111111111111111", '1')]
    [InlineData("1HGCM82633A004352", '3')]
    [InlineData("1GNEK13ZX3R298984", 'X')]
    [InlineData("JHMCM56557C404453", '5')]
    public void The_check_digit_is_the_weighted_sum_modulo_11(string vin, char expected)
    {
        Vin.CheckDigit(vin).ShouldBe(expected);
        Vin.Problem(vin).ShouldBeNull();
        Vin.CheckOf(vin).ShouldBe(Vin.Valid);
    }

    [Theory]
    [InlineData("1M8GDM9A1KP042788")]
    [InlineData("11111111211111111")]
    [InlineData("1HGCM82643A004352")]
    [InlineData("5YJSA1DN5DFP14705")]
    public void A_north_american_vin_with_a_wrong_check_digit_is_refused(string vin) =>
        Vin.Problem(vin)!.ShouldContain("check digit");

    [Theory]
    [InlineData("XTA210990Y2766389")]
    [InlineData("WVWZZZ1JZXW000001")]
    [InlineData("JT2BG22K1X0123456")]
    public void Outside_north_america_the_check_digit_is_only_reported(string vin)
    {
        Vin.IsNorthAmerican(vin).ShouldBeFalse();
        Vin.Problem(vin).ShouldBeNull();
        Vin.CheckOf(vin).ShouldBeOneOf(Vin.Valid, Vin.NotApplicable);
    }

    [Fact]
    public void A_european_vin_whose_position_9_is_not_a_check_digit_is_marked_not_applicable() =>
        Vin.CheckOf("WVWZZZ1JZXW000001").ShouldBe(Vin.NotApplicable);

    [Theory]
    [InlineData("1M8GDM9AXKP04278", "17 characters")]
    [InlineData("1M8GDM9AXKP0427888", "17 characters")]
    [InlineData("1M8GDM9AXKP04278O", "I, O or Q")]
    [InlineData("IM8GDM9AXKP042788", "I, O or Q")]
    [InlineData("XTA21099QY2766389", "I, O or Q")]
    [InlineData("XTA21099ЖY2766389", "Latin letters and digits")]
    public void A_malformed_vin_is_refused_with_the_reason(string vin, string reason) =>
        Vin.Problem(vin)!.ShouldContain(reason);

    [Fact]
    public void A_vin_is_upper_cased_and_its_separators_dropped() =>
        Vin.Normalize(" 1m8gdm9a-xkp 042788 ").ShouldBe("1M8GDM9AXKP042788");

    [Theory]
    [InlineData("а123вс77", "A123BC77")]
    [InlineData("A123BC77", "A123BC77")]
    [InlineData("Лада", "ЛAДA")]
    public void Cyrillic_look_alike_letters_fold_to_latin(string text, string folded) =>
        VehicleText.Fold(text).ShouldBe(folded);

    [Fact]
    public void A_plate_is_trimmed_and_upper_cased_keeping_its_letters() =>
        VehicleText.NormalizePlate("  а 123   вс 77 ").ShouldBe("А 123 ВС 77");
}
