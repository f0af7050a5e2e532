using System.IO.Compression;
using System.Net;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Identity;

/// <summary>The password rules as a person meets them when signing up, resetting or changing a password.</summary>
public abstract class PasswordRuleTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private readonly HttpClient _anonymous = app.CreateClient();

    private async Task ShouldBeRefusedAsync(string password, string rule, string? email = null, string fullName = "Test Person")
    {
        var response = await _anonymous.PostJson("/api/v1/auth/register", new { email = email ?? Accounts.NewEmail(), password, fullName });
        var problem = await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").GetProperty("password")[0].GetString()!.ShouldContain(rule, Case.Insensitive, password);
    }

    [Theory]
    [InlineData("password123")]
    [InlineData("qwerty12345")]
    [InlineData("P@ssw0rd123")]
    [InlineData("Password123!")]
    [InlineData("iloveyou2024")]
    [InlineData("1q2w3e4r5t6y")]
    public async Task Common_passwords_that_meet_the_length_rule_are_refused(string password) =>
        await ShouldBeRefusedAsync(password, "most common passwords");

    [Fact]
    public async Task A_sample_across_the_shipped_list_is_refused()
    {
        using var stream = typeof(Portico.Identity.IdentityModule).Assembly.GetManifestResourceStream("Portico.Identity.common-passwords.txt.gz")!;
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        var entries = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var long10 = entries.Where(e => e.Length >= 10).ToList();
        long10.Count.ShouldBeGreaterThanOrEqualTo(10_000);

        foreach (var password in Enumerable.Range(0, 12).Select(i => long10[i * (long10.Count / 12)]))
        {
            await ShouldBeRefusedAsync(password, "most common passwords");
        }
    }

    [Theory]
    [InlineData("Portico2024!")]
    [InlineData("p0rt1c0-p0rt1c0")]
    [InlineData("brightsalon2024")]
    [InlineData("Mariana.Oliveira1")]
    [InlineData("oliveira-mariana!!")]
    public async Task Passwords_built_on_the_product_the_email_or_the_name_are_refused(string password)
    {
        var email = $"mariana.oliveira+{Guid.NewGuid():N}@brightsalon.example";
        await ShouldBeRefusedAsync(password, "product name, your email or your name", email, "Mariana Oliveira");
    }

    [Fact]
    public async Task A_long_passphrase_passes_even_when_it_mentions_a_context_word()
    {
        (await _anonymous.PostJson("/api/v1/auth/register", new { email = Accounts.NewEmail(), password = "lantern orbit mosaic fjord", fullName = "Test Person" }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await _anonymous.PostJson("/api/v1/auth/register", new { email = Accounts.NewEmail(), password = "my portico lantern orbit", fullName = "Test Person" }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Changing_or_resetting_to_a_common_or_personal_password_is_refused_on_newPassword()
    {
        var user = await app.RegisterAsync();
        var change = await user.Client(app).PostJson("/api/v1/auth/password/change", new { currentPassword = user.Password, newPassword = "qwerty12345" });
        (await change.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").GetProperty("newPassword")[0].GetString()!.ShouldContain("common");

        var personal = await user.Client(app).PostJson("/api/v1/auth/password/change", new { currentPassword = user.Password, newPassword = "Test.Person.2024" });
        (await personal.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").GetProperty("newPassword")[0].GetString()!.ShouldContain("your name");

        (await _anonymous.PostJson("/api/v1/auth/password/forgot", new { email = user.Email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var reset = await _anonymous.PostJson("/api/v1/auth/password/reset", new { email = user.Email, code = app.Smtp.LastCode(user.Email), newPassword = "P@ssw0rd123" });
        (await reset.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").GetProperty("newPassword")[0].GetString()!.ShouldContain("common");
    }
}

public sealed class PasswordRulesOnSqlite(SqliteFactory app) : PasswordRuleTests<SqliteFactory>(app);

public sealed class PasswordRulesOnPostgres(PostgresFactory app) : PasswordRuleTests<PostgresFactory>(app);
