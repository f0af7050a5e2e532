using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portico.Identity.Codes;
using Portico.Identity.Sessions;
using Portico.Identity.Users;
using Portico.Kernel.Http;

namespace Portico.Identity.Accounts;

/// <summary>Password sign-in, then the second factor when one is on.</summary>
internal static class Login
{
    internal sealed record Request(string? Email, string? Password);

    internal sealed record MfaRequest(string? MfaToken, string? Method, string? Code);

    /// <summary>Either tokens, or the note that a second factor is needed.</summary>
    internal sealed record Response(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AccessToken = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ExpiresIn = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TokenType = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? MfaRequired = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MfaToken = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? Methods = null)
    {
        public static Response From(TokenPair pair) => new(pair.AccessToken, pair.RefreshToken, pair.ExpiresIn, pair.TokenType) { SessionId = pair.SessionId };

        /// <summary>The started session (console sign-in), never written to JSON.</summary>
        [JsonIgnore]
        public Guid? SessionId { get; init; }
    }

    internal sealed class Handler(
        UserManager<User> users, SignIns signIns, AccessTokens tokens, OneTimeCodes codes, IdentityMail mail,
        TimeProvider clock, IOptions<IdentityOptions> identity, AccountRateLimits limits, FailureThrottle throttle, SecurityEvents events)
    {
        public async Task<Response> HandleAsync(Request request, CancellationToken ct)
        {
            new Rules().Required(request.Email, "email").Required(request.Password, "password").ThrowIfInvalid();

            // Known or not, an address meets the same steps: the throttle first (keyed by the address), then one
            // password hash, then the same 401. Nothing in the status, headers, text or timing tells them apart.
            using var attempt = throttle.Enter(FailureThrottle.SignIn, request.Email!);
            var user = await users.FindByEmailAsync(request.Email!);
            var known = user is not null && await users.HasPasswordAsync(user);
            if (!known)
            {
                users.PasswordHasher.VerifyHashedPassword(new User { Email = "", NormalizedEmail = "" }, DummyHash.Value, request.Password!);
            }

            if (!known || !await users.CheckPasswordAsync(user!, request.Password!))
            {
                attempt.Failed();
                events.SignInFailed(request.Email, user?.Id, known ? "wrong-password" : "unknown-account");
                throw new UnauthorizedException("The email or password is wrong.");
            }

            attempt.Succeeded();
            if (!user!.EmailConfirmed)
            {
                throw new ForbiddenException("Confirm your email first: enter the code we sent, or ask for a new one.", "email_not_verified");
            }

            return await SignInOrChallengeAsync(user, "password", ct);
        }

        /// <summary>Every first factor (password, magic link, Telegram) ends here: tokens, or a second-factor challenge.</summary>
        public async Task<Response> SignInOrChallengeAsync(User user, string method, CancellationToken ct) =>
            Methods(user) is { Length: > 0 } methods
                ? new Response(MfaRequired: true, MfaToken: tokens.IssueMfa(user), Methods: methods)
                : Response.From(await signIns.StartAsync(user, method, ct));

        public async Task<Response> CompleteMfaAsync(MfaRequest request, CancellationToken ct)
        {
            var pending = await tokens.ReadMfaAsync(request.MfaToken) ?? throw new UnauthorizedException("The MFA token is invalid or expired. Sign in again.");
            var user = await users.FindByIdAsync(pending.UserId.ToString());
            if (user is null || user.SecurityStamp != pending.Stamp)
            {
                throw new UnauthorizedException("The MFA token is invalid or expired. Sign in again.");
            }

            await ThrowIfLockedAsync(user);
            var method = request.Method ?? "";
            if (!Methods(user).Contains(method)
                && !(method == "email-send" && user.EmailTwoFactorEnabled)
                && !(method == "sms-send" && user.SmsTwoFactorEnabled))
            {
                throw ValidationException.For("method", $"must be one of: {string.Join(", ", Methods(user))}.");
            }

            if (method is "email-send" or "sms-send")
            {
                limits.CodeSent(user.Email);
            }

            if (method == "email-send")
            {
                // Asks for an email code; the client then completes with method "email".
                await mail.SignInCodeAsync(user, await codes.IssueAsync(user, CodePurpose.SignInEmail, Register.CodeLifetime, linkToken: false, ct), ct);
                return new Response(MfaRequired: true, MfaToken: request.MfaToken, Methods: Methods(user));
            }

            if (method == "sms-send")
            {
                // Asks for an SMS code; the client then completes with method "sms".
                await mail.SmsCodeAsync(user, await codes.IssueAsync(user, CodePurpose.SignInSms, Register.CodeLifetime, linkToken: false, ct), ct);
                return new Response(MfaRequired: true, MfaToken: request.MfaToken, Methods: Methods(user));
            }

            var valid = method switch
            {
                "totp" => await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, request.Code ?? ""),
                "recovery" => (await users.RedeemTwoFactorRecoveryCodeAsync(user, request.Code ?? "")).Succeeded,
                "email" => await codes.ConsumeAsync(user, CodePurpose.SignInEmail, request.Code, ct),
                "sms" => await codes.ConsumeAsync(user, CodePurpose.SignInSms, request.Code, ct),
                _ => false,
            };
            if (!valid)
            {
                // Only someone who knew the password gets here: a lockout of the second factor reveals nothing new.
                events.SecondFactorFailed(user.Id, method);
                await users.AccessFailedAsync(user);
                await ThrowIfLockedAsync(user, justLocked: true);
                throw new UnauthorizedException("The code is wrong or expired.");
            }

            await users.ResetAccessFailedCountAsync(user);
            return Response.From(await signIns.StartAsync(user, $"password+{method}", ct));
        }

        internal static string[] Methods(User user) =>
        [
            .. user.TwoFactorEnabled ? new[] { "totp", "recovery" } : [],
            .. user.EmailTwoFactorEnabled ? new[] { "email" } : [],
            .. user.SmsTwoFactorEnabled ? new[] { "sms" } : [],
        ];

        private async Task ThrowIfLockedAsync(User user, bool justLocked = false)
        {
            if (await users.IsLockedOutAsync(user) && user.LockoutEnd is { } end)
            {
                var wait = end - clock.GetUtcNow();
                if (justLocked)
                {
                    events.AccountLocked(user.Id, wait);
                }

                throw new LockedException(
                    $"Too many failed attempts: the account is locked for {Math.Ceiling(wait.TotalMinutes)} more minute(s).",
                    wait > TimeSpan.Zero ? wait : identity.Value.Lockout.DefaultLockoutTimeSpan);
            }
        }
    }

    // A real hash to verify against when the account does not exist.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { IterationCount = IdentityModule.PasswordIterations }))
            .HashPassword(new User { Email = "", NormalizedEmail = "" }, Secrets.NewToken()));

    internal static void Map(RouteGroupBuilder auth)
    {
        auth.MapPost("/login", async Task<Ok<Response>> (Request request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(request, ct)))
            .RequireRateLimiting(IdentityRateLimits.SignIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithRequestExample(new { email = "anna@example.com", password = "correct horse battery staple" })
            .WithSummary("Sign in with email and password: tokens, or mfaRequired with an mfaToken");

        auth.MapPost("/login/mfa", async Task<Ok<Response>> (MfaRequest request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.CompleteMfaAsync(request, ct)))
            .RequireRateLimiting(IdentityRateLimits.SignIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("Complete a sign-in with a second factor: totp, email, sms, recovery (email-send / sms-send ask for a code)");
    }
}
