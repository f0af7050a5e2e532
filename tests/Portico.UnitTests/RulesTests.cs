using Portico.Kernel.Errors;
using Portico.Kernel.Paging;

namespace Portico.UnitTests;

public sealed class RulesTests
{
    [Fact]
    public void Every_broken_rule_is_reported_at_once_by_field()
    {
        var error = Should.Throw<ValidationException>(() => new Rules()
            .Required(null, "name")
            .OneOf("spaceship", "vertical", ["studio", "workshop"])
            .Length("x", "slug", 3, 40)
            .ThrowIfInvalid());

        error.Errors.Keys.ShouldBe(["name", "vertical", "slug"], ignoreOrder: true);
        error.Errors["vertical"].Single().ShouldContain("studio, workshop");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(201)]
    public void A_limit_outside_1_to_200_is_a_bad_request(int limit) =>
        Should.Throw<BadRequestException>(() => PageRequest.From(limit, null, null)).Code.ShouldBe("invalid-limit");

    [Fact]
    public void The_default_limit_is_50() => PageRequest.From(null, "", " ").ShouldBe(new PageRequest(50, null, null));
}
