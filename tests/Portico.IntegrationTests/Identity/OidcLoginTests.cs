using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Identity;

/// <summary>OpenID Connect sign-in against a local provider that publishes its keys like Google does.</summary>
public abstract class OidcLoginTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private Task<HttpResponseMessage> SignIn(string idToken, HttpClient? client = null) =>
        (client ?? app.CreateClient()).PostJson("/api/v1/auth/external/oidc/test", new { idToken });

    [Fact]
    public async Task A_verified_email_creates_the_account_and_later_sign_ins_reach_it()
    {
        var email = Accounts.NewEmail("oidc");
        var subject = Guid.NewGuid().ToString("N");

        var first = await (await SignIn(app.Oidc.IdToken(subject, email))).ShouldBe(HttpStatusCode.OK);
        var me = await new TestUser(email, "", first.Str("accessToken"), "").Client(app).GetAsync("/api/v1/me").ShouldBeOk();
        me.Str("email").ShouldBe(email);
        me.GetProperty("emailConfirmed").GetBoolean().ShouldBeTrue();

        var again = await (await SignIn(app.Oidc.IdToken(subject, email))).ShouldBe(HttpStatusCode.OK);
        (await new TestUser(email, "", again.Str("accessToken"), "").Client(app).GetAsync("/api/v1/me").ShouldBeOk()).Str("id").ShouldBe(me.Str("id"));
    }

    [Fact]
    public async Task A_first_sign_in_links_the_existing_account_with_the_same_verified_email()
    {
        var user = await app.RegisterAsync();
        var tokens = await (await SignIn(app.Oidc.IdToken(Guid.NewGuid().ToString("N"), user.Email))).ShouldBe(HttpStatusCode.OK);
        (await new TestUser(user.Email, "", tokens.Str("accessToken"), "").Client(app).GetAsync("/api/v1/me").ShouldBeOk()).Str("email").ShouldBe(user.Email);
    }

    [Fact]
    public async Task An_unverified_email_does_not_take_over_an_account()
    {
        var user = await app.RegisterAsync();
        await (await SignIn(app.Oidc.IdToken(Guid.NewGuid().ToString("N"), user.Email, emailVerified: false))).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Forged_foreign_or_expired_tokens_are_refused()
    {
        var email = Accounts.NewEmail("forged");
        using var attacker = RSA.Create(2048);
        var forged = app.Oidc.IdToken("x", email, key: new RsaSecurityKey(attacker) { KeyId = "test-key-1" });
        await (await SignIn(forged)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await SignIn(app.Oidc.IdToken("x", email, audience: "some-other-app"))).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await SignIn(app.Oidc.IdToken("x", email, issuer: "https://evil.example"))).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await SignIn(app.Oidc.IdToken("x", email, expires: DateTime.UtcNow.AddMinutes(-5)))).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await SignIn("not.a.jwt")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_or_unreachable_provider_is_a_clear_error()
    {
        await (await app.CreateClient().PostJson("/api/v1/auth/external/oidc/nope", new { idToken = "x" })).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await app.CreateClient().PostJson("/api/v1/auth/external/oidc/down", new { idToken = app.Oidc.IdToken("x", "a@b.c") })).ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
    }
}

public sealed class OidcLoginOnSqlite(SqliteFactory app) : OidcLoginTests<SqliteFactory>(app);

public sealed class OidcLoginOnPostgres(PostgresFactory app) : OidcLoginTests<PostgresFactory>(app);
