using System.Net;
using System.Net.Http.Headers;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Identity;

public abstract class AccountTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private readonly HttpClient _anonymous = app.CreateClient();

    [Fact]
    public async Task Signing_up_emails_a_code_that_verifies_the_email_and_signs_in()
    {
        var email = Accounts.NewEmail();
        (await _anonymous.PostJson("/api/v1/auth/register", new { email, password = Accounts.Password, fullName = "Анна Петрова", locale = "ru" }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var mail = app.Smtp.MailFor(email).ShouldHaveSingleItem();
        mail.Subject.ShouldStartWith("Код подтверждения Portico");
        await (await _anonymous.PostJson("/api/v1/auth/login", new { email, password = Accounts.Password }))
            .ShouldBeProblem(HttpStatusCode.Forbidden).ContinueWith(p => p.Result.Str("type").ShouldEndWith("email_not_verified"));

        var tokens = await (await _anonymous.PostJson("/api/v1/auth/verify-email", new { email, code = app.Smtp.LastCode(email) })).ShouldBe(HttpStatusCode.OK);
        tokens.Str("tokenType").ShouldBe("Bearer");
        tokens.GetProperty("expiresIn").GetInt32().ShouldBe(4 * 3600); // the test host's Portico:Auth:AccessTokenLifetime (the default is 15 minutes)

        var client = new TestUser(email, Accounts.Password, tokens.Str("accessToken"), tokens.Str("refreshToken")).Client(app);
        var me = await client.GetAsync("/api/v1/me").ShouldBeOk();
        me.Str("email").ShouldBe(email);
        me.Str("fullName").ShouldBe("Анна Петрова");
        me.GetProperty("emailConfirmed").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_code_burns_after_five_wrong_tries_and_a_new_one_is_needed()
    {
        var email = Accounts.NewEmail();
        await _anonymous.PostJson("/api/v1/auth/register", new { email, password = Accounts.Password, fullName = "Tries" });
        var code = app.Smtp.LastCode(email);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
        {
            await (await _anonymous.PostJson("/api/v1/auth/verify-email", new { email, code = wrong })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        }

        await (await _anonymous.PostJson("/api/v1/auth/verify-email", new { email, code })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        (await _anonymous.PostJson("/api/v1/auth/verification-code", new { email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var fresh = app.Smtp.LastCode(email);
        await (await _anonymous.PostJson("/api/v1/auth/verify-email", new { email, code = fresh })).ShouldBe(HttpStatusCode.OK);
        await (await _anonymous.PostJson("/api/v1/auth/verify-email", new { email, code = fresh })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Signing_up_with_a_taken_email_answers_the_same_and_warns_the_owner()
    {
        var user = await app.RegisterAsync();
        var before = app.Smtp.MailFor(user.Email).Count;

        var response = await _anonymous.PostJson("/api/v1/auth/register", new { email = user.Email, password = "another long password", fullName = "Intruder" });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        app.Smtp.MailFor(user.Email).Count.ShouldBe(before + 1);
        app.Smtp.MailFor(user.Email)[^1].Subject.ShouldBe("Someone tried to sign up with your email");
        (await app.SignInAsync(user.Email, "another long password")).GetProperty("status").GetInt32().ShouldBe(401);
    }

    [Theory]
    [InlineData("short", "at least 10 characters")]
    [InlineData("qwertyuiop", "most common passwords")]
    [InlineData("1234567890", "most common passwords")]
    public async Task Weak_passwords_are_refused_naming_the_rule(string password, string rule)
    {
        var problem = await (await _anonymous.PostJson("/api/v1/auth/register", new { email = Accounts.NewEmail(), password, fullName = "Weak" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").GetProperty("password")[0].GetString()!.ShouldContain(rule);
    }

    [Fact]
    public async Task Credential_changes_land_in_the_audit_log_without_secrets()
    {
        var user = await app.RegisterAsync();
        await _anonymous.PostJson("/api/v1/auth/login", new { email = user.Email, password = "not my password" });
        (await user.Client(app).PostJson("/api/v1/auth/password/change", new { currentPassword = user.Password, newPassword = "the next passphrase" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var userId = (await user.Client(app).GetAsync("/api/v1/me").ShouldBeOk()).Str("id");

        var log = await app.AdminClient().GetAsync($"/api/v1/platform/audit?actor=user:{userId}&limit=200").ShouldBeOk();
        var entries = log.GetProperty("items").EnumerateArray().ToList();

        entries.ShouldContain(e => e.Str("entityType") == "Session" && e.Str("action") == "created");
        entries.Where(e => e.Str("entityType") == "User").Select(e => e.GetProperty("changes").GetRawText()).ShouldContain(c => c.Contains("passwordHash"));
        log.GetRawText().ShouldNotContain("AQAAAA");
    }

    [Fact]
    public async Task Guessing_one_accounts_password_is_capped_per_account_whatever_the_address()
    {
        var user = await app.RegisterAsync();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            codes.Add((await _anonymous.PostJson("/api/v1/auth/login", new { email = Accounts.NewEmail(), password = "x" + i })).StatusCode);
        }

        codes.ShouldAllBe(c => c == HttpStatusCode.Unauthorized);
        var unknown = "ghost-" + Guid.NewGuid().ToString("N") + "@portico.test";
        for (var i = 0; i < 5; i++)
        {
            (await _anonymous.PostJson("/api/v1/auth/login", new { email = unknown, password = "guess " + i })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var limited = await _anonymous.PostJson("/api/v1/auth/login", new { email = unknown, password = "guess 6" });
        await limited.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        limited.Headers.Contains("Retry-After").ShouldBeTrue();
        (await app.SignInAsync(user.Email, user.Password)).TryGetProperty("accessToken", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_its_reuse_revokes_the_whole_session()
    {
        var user = await app.RegisterAsync();

        var rotated = await (await _anonymous.PostJson("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken })).ShouldBe(HttpStatusCode.OK);
        rotated.Str("refreshToken").ShouldNotBe(user.RefreshToken);

        await (await _anonymous.PostJson("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken })).ShouldBeProblem(HttpStatusCode.Unauthorized);

        await (await _anonymous.PostJson("/api/v1/auth/refresh", new { refreshToken = rotated.Str("refreshToken") })).ShouldBeProblem(HttpStatusCode.Unauthorized);
        var stolen = app.CreateClient();
        stolen.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", rotated.Str("accessToken"));
        await stolen.GetAsync("/api/v1/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logging_out_ends_the_session_for_its_access_and_refresh_tokens()
    {
        var user = await app.RegisterAsync();
        var client = user.Client(app);
        await client.GetAsync("/api/v1/me").ShouldBeOk();

        (await _anonymous.PostJson("/api/v1/auth/logout", new { refreshToken = user.RefreshToken })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await client.GetAsync("/api/v1/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await _anonymous.PostJson("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken })).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Sessions_are_listed_and_one_can_be_signed_out_but_not_someone_elses()
    {
        var user = await app.RegisterAsync();
        var laptop = await app.SignInAsync(user.Email, user.Password);
        var client = user.Client(app);

        var sessions = (await client.GetAsync("/api/v1/auth/sessions").ShouldBeOk()).EnumerateArray().ToList();
        sessions.Count.ShouldBe(2);
        sessions.Count(s => s.GetProperty("current").GetBoolean()).ShouldBe(1);
        var other = sessions.Single(s => !s.GetProperty("current").GetBoolean()).Str("id");

        var stranger = await app.RegisterAsync();
        await stranger.Client(app).DeleteAsync($"/api/v1/auth/sessions/{other}").ShouldBeProblem(HttpStatusCode.NotFound);

        (await client.DeleteAsync($"/api/v1/auth/sessions/{other}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var laptopClient = new TestUser(user.Email, user.Password, laptop.Str("accessToken"), laptop.Str("refreshToken")).Client(app);
        await laptopClient.GetAsync("/api/v1/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await client.GetAsync("/api/v1/me").ShouldBeOk();
    }

    [Fact]
    public async Task The_profile_changes_only_its_own_fields()
    {
        var user = await app.RegisterAsync();
        var client = user.Client(app);

        var updated = await (await client.PatchJson("/api/v1/me", new { fullName = "New Name", locale = "ru", timeZone = "Europe/Moscow", phone = "+79991234567" })).ShouldBe(HttpStatusCode.OK);
        updated.Str("fullName").ShouldBe("New Name");
        updated.Str("timeZone").ShouldBe("Europe/Moscow");

        var smuggled = await client.PatchAsync("/api/v1/me", Http.RawJson("{\"fullName\":\"x\",\"platformRole\":\"PlatformAdmin\"}"));
        await smuggled.ShouldBeProblem(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/v1/me").ShouldBeOk()).GetProperty("platformRole").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        await (await client.PatchJson("/api/v1/me", new { phone = "8 999 123" })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Changing_the_password_signs_out_the_other_sessions_and_tells_the_user()
    {
        var user = await app.RegisterAsync();
        var other = await app.SignInAsync(user.Email, user.Password);
        var client = user.Client(app);

        (await client.PostJson("/api/v1/auth/password/change", new { currentPassword = user.Password, newPassword = "a brand new passphrase" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await client.GetAsync("/api/v1/me").ShouldBeOk();
        await new TestUser(user.Email, "", other.Str("accessToken"), "").Client(app).GetAsync("/api/v1/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        app.Smtp.MailFor(user.Email)[^1].Subject.ShouldBe("Your Portico password was changed");
        (await app.SignInAsync(user.Email, "a brand new passphrase")).TryGetProperty("accessToken", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_with_the_emailed_code()
    {
        var user = await app.RegisterAsync();
        var unknown = Accounts.NewEmail();
        (await _anonymous.PostJson("/api/v1/auth/password/forgot", new { email = unknown })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        app.Smtp.MailFor(unknown).ShouldBeEmpty();

        (await _anonymous.PostJson("/api/v1/auth/password/forgot", new { email = user.Email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var code = app.Smtp.LastCode(user.Email);
        (await _anonymous.PostJson("/api/v1/auth/password/reset", new { email = user.Email, code, newPassword = "reset to this passphrase" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await user.Client(app).GetAsync("/api/v1/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await app.SignInAsync(user.Email, user.Password)).GetProperty("status").GetInt32().ShouldBe(401);
        (await app.SignInAsync(user.Email, "reset to this passphrase")).TryGetProperty("accessToken", out _).ShouldBeTrue();
        await (await _anonymous.PostJson("/api/v1/auth/password/reset", new { email = user.Email, code, newPassword = "and once more please" })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_code_sending_limit_answers_alike_for_known_and_unknown_addresses()
    {
        var unknown = Accounts.NewEmail("nobody");
        foreach (var email in new[] { PorticoFactory.AdminEmail, unknown })
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 4; i++)
            {
                statuses.Add((await _anonymous.PostJson("/api/v1/auth/magic-link", new { email })).StatusCode);
            }

            statuses.ShouldBe([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], email);
        }
    }

    [Fact]
    public async Task A_magic_link_signs_in_once()
    {
        var user = await app.RegisterAsync();
        (await _anonymous.PostJson("/api/v1/auth/magic-link", new { email = user.Email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var token = app.Smtp.LastLinkToken(user.Email);

        var tokens = await (await _anonymous.PostJson("/api/v1/auth/magic-link/verify", new { token })).ShouldBe(HttpStatusCode.OK);
        tokens.Str("accessToken").ShouldNotBeNullOrEmpty();
        await (await _anonymous.PostJson("/api/v1/auth/magic-link/verify", new { token })).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_authenticator_app_becomes_a_second_factor_with_single_use_recovery_codes()
    {
        var user = await app.RegisterAsync();
        var client = user.Client(app);

        var setup = await (await client.PostAsync("/api/v1/auth/2fa/totp/setup", null)).ShouldBe(HttpStatusCode.OK);
        setup.Str("otpauthUri").ShouldStartWith("otpauth://totp/");
        Convert.FromBase64String(setup.Str("qrCodePng"))[..4].ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47 });
        var secret = setup.Str("secret");

        await (await client.PostJson("/api/v1/auth/2fa/totp/enable", new { code = "000000" == Accounts.Totp(secret) ? "111111" : "000000" })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        var enabled = await (await client.PostJson("/api/v1/auth/2fa/totp/enable", new { code = Accounts.Totp(secret) })).ShouldBe(HttpStatusCode.OK);
        var recovery = enabled.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        recovery.Count.ShouldBe(10);

        var pending = await app.SignInAsync(user.Email, user.Password);
        pending.GetProperty("mfaRequired").GetBoolean().ShouldBeTrue();
        pending.TryGetProperty("accessToken", out _).ShouldBeFalse();
        var mfaToken = pending.Str("mfaToken");

        var mfaAsBearer = app.CreateClient();
        mfaAsBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", mfaToken);
        await mfaAsBearer.GetAsync("/api/v1/me").ShouldBeProblem(HttpStatusCode.Unauthorized);

        var signedIn = await (await _anonymous.PostJson("/api/v1/auth/login/mfa", new { mfaToken, method = "totp", code = Accounts.Totp(secret) })).ShouldBe(HttpStatusCode.OK);
        signedIn.Str("accessToken").ShouldNotBeNullOrEmpty();

        var again = (await app.SignInAsync(user.Email, user.Password)).Str("mfaToken");
        await (await _anonymous.PostJson("/api/v1/auth/login/mfa", new { mfaToken = again, method = "recovery", code = recovery[0] })).ShouldBe(HttpStatusCode.OK);
        var third = (await app.SignInAsync(user.Email, user.Password)).Str("mfaToken");
        await (await _anonymous.PostJson("/api/v1/auth/login/mfa", new { mfaToken = third, method = "recovery", code = recovery[0] })).ShouldBeProblem(HttpStatusCode.Unauthorized);

        var profile = await client.GetAsync("/api/v1/me").ShouldBeOk();
        profile.GetRawText().ShouldNotContain(secret);
    }

    [Fact]
    public async Task A_verified_phone_receives_sms_codes_as_the_second_factor()
    {
        var user = await app.RegisterAsync(locale: "ru");
        var client = user.Client(app);
        var phone = "+7999" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await (await client.PostAsync("/api/v1/auth/2fa/sms/setup", null)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await client.PatchJson("/api/v1/me", new { phone })).ShouldBe(HttpStatusCode.OK);

        (await client.PostAsync("/api/v1/auth/2fa/sms/setup", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        app.Twilio.Sent.Last(m => m.To == phone).Body.ShouldStartWith("Код Portico:");
        (await client.PostJson("/api/v1/auth/2fa/sms/enable", new { code = app.Twilio.LastCodeFor(phone) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var pending = await app.SignInAsync(user.Email, user.Password);
        pending.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).ShouldContain("sms");
        var mfaToken = pending.Str("mfaToken");
        await (await _anonymous.PostJson("/api/v1/auth/login/mfa", new { mfaToken, method = "sms-send" })).ShouldBe(HttpStatusCode.OK);
        var signedIn = await (await _anonymous.PostJson("/api/v1/auth/login/mfa", new { mfaToken, method = "sms", code = app.Twilio.LastCodeFor(phone) })).ShouldBe(HttpStatusCode.OK);
        signedIn.Str("accessToken").ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_magic_link_does_not_skip_the_second_factor()
    {
        var user = await app.RegisterAsync();
        (await user.Client(app).PostAsync("/api/v1/auth/2fa/email/enable", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _anonymous.PostJson("/api/v1/auth/magic-link", new { email = user.Email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var answer = await (await _anonymous.PostJson("/api/v1/auth/magic-link/verify", new { token = app.Smtp.LastLinkToken(user.Email) })).ShouldBe(HttpStatusCode.OK);

        answer.GetProperty("mfaRequired").GetBoolean().ShouldBeTrue();
        answer.TryGetProperty("accessToken", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task An_emailed_code_can_be_the_second_factor()
    {
        var user = await app.RegisterAsync();
        (await user.Client(app).PostAsync("/api/v1/auth/2fa/email/enable", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var mfaToken = (await app.SignInAsync(user.Email, user.Password)).Str("mfaToken");
        await (await _anonymous.PostJson("/api/v1/auth/login/mfa", new { mfaToken, method = "email-send" })).ShouldBe(HttpStatusCode.OK);
        var code = app.Smtp.LastCode(user.Email);

        await (await _anonymous.PostJson("/api/v1/auth/login/mfa", new { mfaToken, method = "email", code })).ShouldBe(HttpStatusCode.OK);
        await (await _anonymous.PostJson("/api/v1/auth/login/mfa", new { mfaToken, method = "email", code })).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}

public sealed class AccountsOnSqlite(SqliteFactory app) : AccountTests<SqliteFactory>(app);

public sealed class AccountsOnPostgres(PostgresFactory app) : AccountTests<PostgresFactory>(app);
