using System.Net;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Identity;

/// <summary>One mailbox is one account, however its address is spelled.</summary>
public abstract class EmailAddressTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private readonly HttpClient _anonymous = app.CreateClient();

    /// <summary>Spellings of <c>{local}@portico.test</c> that name the same mailbox ({1} is the local part less its first letter, "a").</summary>
    [Theory]
    [InlineData("{0}@portico.test.")]        // the root label
    [InlineData("{0}@PORTICO.TEST")]         // domains are case-insensitive
    [InlineData("{0}@ｐortico.test")]        // a fullwidth letter in the domain (NFKC)
    [InlineData("\uff41{1}@portico.test")]   // a fullwidth first letter of the local part
    [InlineData(" {0}@Portico.Test. ")]      // all of it, with blanks around
    public async Task A_variant_of_a_taken_address_cannot_make_a_second_account_and_signs_in_to_the_first(string pattern)
    {
        var local = $"a{Guid.NewGuid():N}";
        var owner = await app.RegisterAsync($"{local}@portico.test");
        var variant = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, local, local[1..]);
        var mailBefore = app.Smtp.MailFor(owner.Email).Count;

        (await _anonymous.PostJson("/api/v1/auth/register", new { email = variant, password = "a different long passphrase", fullName = "Intruder" }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);

        // The same answer as for any taken address: the owner is warned, no second account is made.
        app.Smtp.MailFor(owner.Email).Count.ShouldBe(mailBefore + 1);
        app.Smtp.MailFor(owner.Email)[^1].Subject.ShouldBe("Someone tried to sign up with your email");
        (await app.SignInAsync(variant, "a different long passphrase")).GetProperty("status").GetInt32().ShouldBe(401);

        var ownerId = (await owner.Client(app).GetAsync("/api/v1/me").ShouldBeOk()).Str("id");
        var signedIn = await app.SignInAsync(variant, owner.Password);
        var me = await new TestUser(variant, owner.Password, signedIn.Str("accessToken"), "").Client(app).GetAsync("/api/v1/me").ShouldBeOk();
        me.Str("id").ShouldBe(ownerId);
        me.Str("email").ShouldBe(owner.Email);
    }

    [Fact]
    public async Task An_international_domain_is_one_account_in_unicode_and_punycode_and_mail_goes_to_the_ascii_form()
    {
        var local = $"anna{Guid.NewGuid():N}";
        var unicode = $"{local}@bücher.example";
        var ascii = $"{local}@xn--bcher-kva.example";

        (await _anonymous.PostJson("/api/v1/auth/register", new { email = unicode, password = Accounts.Password, fullName = "Anna" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var code = app.Smtp.LastCode(ascii);
        var tokens = await (await _anonymous.PostJson("/api/v1/auth/verify-email", new { email = unicode, code })).ShouldBe(HttpStatusCode.OK);
        var me = await new TestUser(ascii, Accounts.Password, tokens.Str("accessToken"), "").Client(app).GetAsync("/api/v1/me").ShouldBeOk();
        me.Str("email").ShouldBe(ascii);

        (await _anonymous.PostJson("/api/v1/auth/register", new { email = ascii.ToUpperInvariant(), password = Accounts.Password, fullName = "Other" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        app.Smtp.MailFor(ascii)[^1].Subject.ShouldBe("Someone tried to sign up with your email");
        (await app.SignInAsync($"{local}@BÜCHER.example.", Accounts.Password)).TryGetProperty("accessToken", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("anna@example..com")]
    [InlineData("anna@example.com..")]
    [InlineData("anna@-example.com")]
    [InlineData("anna@exa mple.com")]
    [InlineData("anna@.example.com")]
    [InlineData("Anna <anna@example.com>")]
    [InlineData("anna@")]
    public async Task Malformed_addresses_are_refused_on_email(string email)
    {
        var problem = await (await _anonymous.PostJson("/api/v1/auth/register", new { email, password = Accounts.Password, fullName = "Anna" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").TryGetProperty("email", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Magic_links_and_password_resets_asked_for_a_variant_go_to_the_one_mailbox()
    {
        var local = $"m{Guid.NewGuid():N}";
        var owner = await app.RegisterAsync($"{local}@portico.test");

        (await _anonymous.PostJson("/api/v1/auth/magic-link", new { email = $"{local}@PORTICO.test." })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await _anonymous.PostJson("/api/v1/auth/magic-link/verify", new { token = app.Smtp.LastLinkToken(owner.Email) })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _anonymous.PostJson("/api/v1/auth/password/forgot", new { email = $"{local}@ｐortico.test" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await _anonymous.PostJson("/api/v1/auth/password/reset", new { email = $"{local}@portico.test.", code = app.Smtp.LastCode(owner.Email), newPassword = "violet harbour lanterns" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.SignInAsync(owner.Email, "violet harbour lanterns")).TryGetProperty("accessToken", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_invitation_to_a_variant_reaches_and_is_accepted_by_the_one_account()
    {
        var owner = await app.RegisterAsync();
        var slug = (await (await owner.Client(app).PostJson("/api/v1/tenants", new { name = "Variant salon", vertical = "studio" })).ShouldBe(HttpStatusCode.Created)).Str("slug");
        var local = $"i{Guid.NewGuid():N}";
        var invited = await app.RegisterAsync($"{local}@portico.test");

        var invitation = await (await owner.Client(app).PostJson($"/api/v1/tenants/{slug}/invitations", new { email = $"{local}@ＰＯＲＴＩＣＯ.test.", role = "Manager" }))
            .ShouldBe(HttpStatusCode.Created);
        invitation.Str("email").ShouldBe(invited.Email);

        await (await invited.Client(app).PostAsync($"/api/v1/invitations/{app.Smtp.LastLinkToken(invited.Email)}/accept", null)).ShouldBe(HttpStatusCode.OK);
        await (await owner.Client(app).PostJson($"/api/v1/tenants/{slug}/invitations", new { email = $"{local}@portico.test.", role = "Manager" }))
            .ShouldBeProblem(HttpStatusCode.Conflict);
    }
}

public sealed class EmailAddressesOnSqlite(SqliteFactory app) : EmailAddressTests<SqliteFactory>(app);

public sealed class EmailAddressesOnPostgres(PostgresFactory app) : EmailAddressTests<PostgresFactory>(app);
