using System.Net;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Identity;

public abstract class FacebookLoginTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private Task<HttpResponseMessage> SignIn(string accessToken) => app.CreateClient().PostJson("/api/v1/auth/external/facebook", new { accessToken });

    [Fact]
    public async Task A_valid_token_signs_in_and_links_by_the_confirmed_email()
    {
        var user = await app.RegisterAsync();
        var tokens = await (await SignIn(app.Facebook.Token("fb-" + Guid.NewGuid().ToString("N"), "Olga", user.Email))).ShouldBe(HttpStatusCode.OK);
        (await new TestUser(user.Email, "", tokens.Str("accessToken"), "").Client(app).GetAsync("/api/v1/me").ShouldBeOk()).Str("email").ShouldBe(user.Email);
    }

    [Fact]
    public async Task A_token_of_another_app_or_an_unknown_token_is_refused()
    {
        await (await SignIn(app.Facebook.Token("fb-x", "X", Accounts.NewEmail(), appId: "someone-elses-app"))).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await SignIn("EAAB-not-issued-by-facebook")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Without_an_email_a_new_person_gets_an_account_that_signs_in_again()
    {
        var id = "fb-" + Guid.NewGuid().ToString("N");
        var first = await (await SignIn(app.Facebook.Token(id, "No Mail", email: null))).ShouldBe(HttpStatusCode.OK);
        var second = await (await SignIn(app.Facebook.Token(id, "No Mail", email: null))).ShouldBe(HttpStatusCode.OK);
        var a = await new TestUser("", "", first.Str("accessToken"), "").Client(app).GetAsync("/api/v1/me").ShouldBeOk();
        var b = await new TestUser("", "", second.Str("accessToken"), "").Client(app).GetAsync("/api/v1/me").ShouldBeOk();
        a.Str("id").ShouldBe(b.Str("id"));
    }
}

public sealed class FacebookLoginOnSqlite(SqliteFactory app) : FacebookLoginTests<SqliteFactory>(app);

public sealed class FacebookLoginOnPostgres(PostgresFactory app) : FacebookLoginTests<PostgresFactory>(app);
