using System.Net;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Identity;

/// <summary>One second factor turned off at a time (with the password), and signing out every session at once.</summary>
public sealed class SecondFactorSwitchTests(SqliteFactory app) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task One_factor_is_turned_off_with_the_password_and_the_others_stay()
    {
        var user = await app.RegisterAsync();
        var client = user.Client(app);
        var setup = await (await client.PostAsync("/api/v1/auth/2fa/totp/setup", null)).ShouldBe(HttpStatusCode.OK);
        await client.PostJson("/api/v1/auth/2fa/totp/enable", new { code = Accounts.Totp(setup.Str("secret")) }).ShouldBe(HttpStatusCode.OK);
        (await client.PostAsync("/api/v1/auth/2fa/email/enable", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await client.PostJson("/api/v1/auth/2fa/email/disable", new { password = "not the password" })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        (await client.PostJson("/api/v1/auth/2fa/email/disable", new { password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var me = await client.GetAsync("/api/v1/me").ShouldBeOk();
        me.GetProperty("twoFactorMethods").EnumerateArray().Select(m => m.GetString()).ShouldBe(["totp", "recovery"]);

        (await client.PostJson("/api/v1/auth/2fa/totp/disable", new { password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.SignInAsync(user.Email, user.Password)).Str("accessToken").ShouldNotBeNullOrEmpty();
        await (await client.PostJson("/api/v1/auth/2fa/fax/disable", new { password = user.Password })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task New_recovery_codes_need_the_password_and_retire_the_old_ones()
    {
        var user = await app.RegisterAsync();
        var client = user.Client(app);
        await (await client.PostJson("/api/v1/auth/2fa/recovery-codes", new { password = user.Password })).ShouldBeProblem(HttpStatusCode.Conflict);
        var setup = await (await client.PostAsync("/api/v1/auth/2fa/totp/setup", null)).ShouldBe(HttpStatusCode.OK);
        var old = (await client.PostJson("/api/v1/auth/2fa/totp/enable", new { code = Accounts.Totp(setup.Str("secret")) }).ShouldBe(HttpStatusCode.OK))
            .GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();

        await (await client.PostJson("/api/v1/auth/2fa/recovery-codes", new { password = "not the password" })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        var fresh = (await client.PostJson("/api/v1/auth/2fa/recovery-codes", new { password = user.Password }).ShouldBe(HttpStatusCode.OK))
            .GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();

        fresh.Count.ShouldBe(10);
        fresh.Intersect(old).ShouldBeEmpty();
        var anonymous = app.CreateClient();
        var first = (await app.SignInAsync(user.Email, user.Password)).Str("mfaToken");
        await (await anonymous.PostJson("/api/v1/auth/login/mfa", new { mfaToken = first, method = "recovery", code = old[0] })).ShouldBeProblem(HttpStatusCode.Unauthorized);
        var second = (await app.SignInAsync(user.Email, user.Password)).Str("mfaToken");
        (await anonymous.PostJson("/api/v1/auth/login/mfa", new { mfaToken = second, method = "recovery", code = fresh[0] }).ShouldBe(HttpStatusCode.OK))
            .Str("accessToken").ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session_this_one_included()
    {
        var user = await app.RegisterAsync();
        var second = await app.SignInAsync(user.Email, user.Password);
        var other = app.CreateClient();
        other.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", second.Str("accessToken"));
        (await other.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await user.Client(app).PostAsync("/api/v1/auth/sessions/sign-out-everywhere", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await user.Client(app).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await other.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
