using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>The identity screens in a real browser: sign-up with the emailed code, the links the emails send, second factors, sessions.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed partial class AccountPagesTests(ConsoleHost host)
{
    [Fact]
    public async Task A_new_user_signs_up_with_the_emailed_code_edits_the_profile_exports_and_erases_the_account()
    {
        var email = Accounts.NewEmail("signup");
        var page = await host.NewPageAsync();
        await page.GotoAsync("/sign-up");
        await page.Locator("input[data-test=full-name]").FillAsync("Anna Petrova");
        await page.ScreenshotAsync("sign-up");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await page.Locator("input[data-test=email]").FillAsync(email);
        await page.Locator("input[data-test=password]").FillAsync(Accounts.Password);
        await page.Locator("[data-test=sign-up]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=code-sent-to]")).ToContainTextAsync(email);
        var code = await MailAsync(email, "verification code", _ => host.Smtp.LastCode(email));
        await page.ScreenshotAsync("sign-up-code");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await page.Locator("input[data-test=code]").FillAsync(code);
        await page.Locator("[data-test=verify]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-up", StringComparison.Ordinal));

        await page.GotoAsync("/account");
        await Assertions.Expect(page.Locator("input[data-test=profile-email]")).ToHaveValueAsync(email);
        await Assertions.Expect(page.Locator("input[data-test=full-name]")).ToHaveValueAsync("Anna Petrova");
        await page.ScreenshotAsync("profile");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
        await page.Locator("input[data-test=full-name]").FillAsync("Anna P. Petrova");
        await page.Locator("[data-test=save-profile]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Saved.");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-test=export]").ClickAsync());
        var exported = await File.ReadAllTextAsync((await download.PathAsync())!);
        exported.ShouldContain(email);
        exported.ShouldContain("Anna P. Petrova");

        await page.Locator("[data-test=erase]").ClickAsync();
        await page.Locator("input[data-test=erase-confirmation]").FillAsync(email);
        await page.Locator("[data-test=erase-confirm]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/sign-in?erased", StringComparison.Ordinal));
        (await host.SignInAsync(email, Accounts.Password)).TryGetProperty("accessToken", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_emailed_link()
    {
        var user = await host.RegisterAsync();
        var page = await host.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.Locator("[data-test=forgot-link]").ClickAsync();
        // The sign-in page has an email field too: fill only once the forgot-password page has replaced it.
        await Assertions.Expect(page.Locator("[data-test=send-reset]")).ToBeVisibleAsync();
        await page.Locator("input[data-test=email]").FillAsync(user.Email);
        await page.ScreenshotAsync("forgot-password");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
        await page.Locator("[data-test=send-reset]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=reset-sent]")).ToBeVisibleAsync();

        var link = await MailAsync(user.Email, "password reset", m => ResetLink().Match(m).Value);
        link.ShouldStartWith(host.BaseUrl + "/reset-password?");
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("input[data-test=email]")).ToHaveValueAsync(user.Email);
        await page.WaitForURLAsync(url => !url.Contains("code=", StringComparison.Ordinal)); // the secret leaves the address bar once read
        await page.ScreenshotAsync("reset-password");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        const string newPassword = "another quite long passphrase";
        await page.Locator("input[data-test=new-password]").FillAsync(newPassword);
        await page.Locator("[data-test=reset]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=reset-done]")).ToBeVisibleAsync();
        (await user.Client(host).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // every session ended

        await page.SignInAsync(user.Email, newPassword, "/account");
        await Assertions.Expect(page.Locator("input[data-test=profile-email]")).ToHaveValueAsync(user.Email);
    }

    [Fact]
    public async Task The_emailed_magic_link_signs_in()
    {
        var user = await host.RegisterAsync();
        var page = await host.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.Locator("input[data-test=email]").FillAsync(user.Email);
        await page.Locator("[data-test=send-magic-link]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=magic-link-sent]")).ToBeVisibleAsync();

        var link = await MailAsync(user.Email, "sign-in link", m => MagicLink().Match(m).Value);
        link.ShouldStartWith(host.BaseUrl + "/sign-in/magic?token=");
        await page.GotoAsync(link);
        await page.Locator("[data-test=magic-sign-in]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        await page.GotoAsync("/account");
        await Assertions.Expect(page.Locator("input[data-test=profile-email]")).ToHaveValueAsync(user.Email);

        // Single use: the same link does not sign in twice.
        var again = await host.NewPageAsync();
        await again.GotoAsync(link);
        await again.Locator("[data-test=magic-sign-in]").ClickAsync();
        await Assertions.Expect(again.Locator("[data-test=sign-in-error]")).ToContainTextAsync("invalid, used or expired");
    }

    [Fact]
    public async Task An_authenticator_set_up_on_the_security_page_is_asked_for_at_the_next_sign_in()
    {
        var user = await host.RegisterAsync();
        var page = await host.NewPageAsync();
        await page.SignInAsync(user.Email, user.Password, "/account/security");
        await page.Locator("[data-test=totp-setup]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=totp-qr]")).ToBeVisibleAsync();
        var secret = (await page.Locator("[data-test=totp-secret]").InnerTextAsync()).Trim();
        await page.Locator("input[data-test=totp-code]").FillAsync(Accounts.Totp(secret));
        await page.Locator("[data-test=totp-enable]").ClickAsync();
        var codes = (await page.Locator("[data-test=recovery-codes]").InnerTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        codes.Length.ShouldBe(10);
        await page.ScreenshotAsync("security-totp");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
        await page.Locator("[data-test=codes-saved]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=totp-on]")).ToBeVisibleAsync();

        // New recovery codes replace the list, after the password.
        await page.Locator("[data-test=new-codes]").ClickAsync();
        await page.Locator("input[data-test=off-password]").FillAsync(user.Password);
        await page.Locator("[data-test=new-codes-confirm]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=recovery-codes]")).Not.ToContainTextAsync(codes[0]);
        var fresh = (await page.Locator("[data-test=recovery-codes]").InnerTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        fresh.Length.ShouldBe(10);
        fresh.Intersect(codes).ShouldBeEmpty();
        await page.Locator("[data-test=codes-saved]").ClickAsync();

        var other = await host.NewPageAsync();
        await other.GotoAsync("/sign-in?returnUrl=%2Faccount");
        await other.Locator("input[data-test=email]").FillAsync(user.Email);
        await other.Locator("input[data-test=password]").FillAsync(user.Password);
        await other.Locator("[data-test=sign-in]").ClickAsync();
        await Assertions.Expect(other.Locator("input[data-test=mfa-code]")).ToBeVisibleAsync();
        await other.ScreenshotAsync("second-factor");
        (await other.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await other.Locator("input[data-test=mfa-code]").FillAsync("000000" == Accounts.Totp(secret) ? "111111" : "000000");
        await other.Locator("[data-test=mfa-submit]").ClickAsync();
        await Assertions.Expect(other.Locator("[data-test=sign-in-error]")).ToContainTextAsync("wrong");
        await other.Locator("input[data-test=mfa-code]").FillAsync(Accounts.Totp(secret));
        await other.Locator("[data-test=mfa-submit]").ClickAsync();
        await other.WaitForURLAsync(url => url.EndsWith("/account", StringComparison.Ordinal));
        await Assertions.Expect(other.Locator("input[data-test=profile-email]")).ToHaveValueAsync(user.Email);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_session_of_another_browser_at_its_next_action()
    {
        var user = await host.RegisterAsync();
        var phone = await host.NewPageAsync(390, 844);
        await phone.SignInAsync(user.Email, user.Password, "/account");
        await Assertions.Expect(phone.Locator("input[data-test=profile-email]")).ToHaveValueAsync(user.Email);

        var page = await host.NewPageAsync();
        await page.SignInAsync(user.Email, user.Password, "/account/security");
        await Assertions.Expect(page.Locator("[data-test=session]")).ToHaveCountAsync(3); // the API's, the phone's and this one
        await Assertions.Expect(page.Locator("[data-test=current-session]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-test=sessions]")).ToContainTextAsync("Chrome");
        await page.ScreenshotAsync("security");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await page.Locator("[data-test=sign-out-everywhere]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/sign-in", StringComparison.Ordinal));
        await page.GotoAsync("/account/security");
        await page.WaitForURLAsync(url => url.Contains("/sign-in", StringComparison.Ordinal));

        await phone.Locator("[data-test=save-profile]").ClickAsync();
        await phone.WaitForURLAsync(url => url.Contains("/sign-in", StringComparison.Ordinal));
        (await user.Client(host).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>Waits for the newest email to <paramref name="address"/> whose subject mentions <paramref name="subject"/>, and reads from its text.</summary>
    private async Task<string> MailAsync(string address, string subject, Func<string, string> read) =>
        await Patience.EventuallyAsync(
            () => Task.FromResult(host.Smtp.MailFor(address).LastOrDefault(m => m.Subject?.Contains(subject, StringComparison.OrdinalIgnoreCase) == true) is { } mail ? read(mail.TextBody ?? "") : ""),
            value => value.Length > 0,
            $"an email about '{subject}' to {address}");

    [GeneratedRegex(@"https?://\S+/reset-password\?\S+")]
    private static partial Regex ResetLink();

    [GeneratedRegex(@"https?://\S+/sign-in/magic\?token=\S+")]
    private static partial Regex MagicLink();
}
