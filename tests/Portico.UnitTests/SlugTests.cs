using Portico.Kernel.Errors;
using Portico.Tenancy.Tenants;

namespace Portico.UnitTests;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Салон «Лаванда»", "salon-lavanda")]
    [InlineData("Автосервис Колесо", "avtoservis-koleso")]
    [InlineData("Щука и Ёж", "shchuka-i-ezh")]
    [InlineData("Northwind Support!", "northwind-support")]
    [InlineData("  --Tattoo   Lab-- ", "tattoo-lab")]
    public void A_slug_is_made_from_a_name_transliterating_cyrillic(string name, string expected) =>
        TenantRules.SlugFrom(name).ShouldBe(expected);

    [Fact]
    public void A_slug_made_from_a_reserved_or_too_short_name_is_prefixed()
    {
        TenantRules.SlugFrom("Admin").ShouldBe("tenant-admin");
        TenantRules.SlugFrom("Я").ShouldBe("tenant-ia");
    }

    [Fact]
    public void A_long_name_gives_a_slug_within_the_label_limit() =>
        TenantRules.SlugFrom(new string('x', 100)).Length.ShouldBeLessThanOrEqualTo(40);

    [Theory]
    [InlineData("ab")]
    [InlineData("-abc")]
    [InlineData("abc-")]
    [InlineData("a--b")]
    [InlineData("UPPER")]
    [InlineData("with_underscore")]
    [InlineData("api")]
    public void Invalid_or_reserved_slugs_are_refused(string slug) =>
        new Rules().CheckSlug(slug).IsValid.ShouldBeFalse();

    [Theory]
    [InlineData("abc")]
    [InlineData("salon-lavanda")]
    [InlineData("a1-b2-c3")]
    public void Valid_slugs_pass(string slug) => new Rules().CheckSlug(slug).IsValid.ShouldBeTrue();
}
