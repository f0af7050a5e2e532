using Portico.Kernel.Security;

namespace Portico.UnitTests;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("anna@example.com", "anna@example.com")]
    [InlineData("  Anna@Example.COM. ", "Anna@example.com")]
    [InlineData("ａnna@ｅxample.com", "anna@example.com")]
    [InlineData("anna@ＥＸＡＭＰＬＥ.com", "anna@example.com")]
    [InlineData("anna@bücher.example", "anna@xn--bcher-kva.example")]
    [InlineData("anna@BÜCHER.example.", "anna@xn--bcher-kva.example")]
    [InlineData("anna@xn--bcher-kva.example", "anna@xn--bcher-kva.example")]
    [InlineData("anna+tag@example.com", "anna+tag@example.com")]
    public void Spellings_of_one_mailbox_normalize_to_one_canonical_form(string value, string expected) =>
        EmailAddresses.Normalize(value).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("anna")]
    [InlineData("anna@")]
    [InlineData("@example.com")]
    [InlineData("anna@example..com")]
    [InlineData("anna@example.com..")]
    [InlineData("anna@.example.com")]
    [InlineData("anna@-example.com")]
    [InlineData("anna@exa mple.com")]
    [InlineData("Anna <anna@example.com>")]
    [InlineData("anna@exam_ple.com")]
    public void Anything_but_a_plain_address_is_refused(string? value) =>
        EmailAddresses.Normalize(value).ShouldBeNull();

    [Fact]
    public void The_lookup_key_ignores_the_case_of_the_local_part_and_the_mask_hides_it()
    {
        EmailAddresses.SameMailbox("Anna@example.com.", "anna@ＥＸＡＭＰＬＥ.com").ShouldBeTrue();
        EmailAddresses.SameMailbox("anna@example.com", "anne@example.com").ShouldBeFalse();
        EmailAddresses.Mask("anna.smith@example.com").ShouldBe("a***@example.com");
    }
}
