using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Portico.Identity.Codes;
using Portico.Identity.Sessions;
using Portico.Identity.Users;

namespace Portico.Identity.Accounts;

/// <summary>Forgotten, reset and changed passwords. Each change ends the other sessions.</summary>
internal static class Passwords
{
    internal sealed record ForgotRequest(string? Email);

    internal sealed record ResetRequest(string? Email, string? Code, string? NewPassword);

    internal sealed record ChangeRequest(string? CurrentPassword, string? NewPassword);

    internal sealed class Handler(UserManager<User> users, OneTimeCodes codes, IdentityMail mail, SignIns signIns, AccountRateLimits limits, FailureThrottle throttle, SecurityEvents events)
    {
        public async Task ForgotAsync(ForgotRequest request, CancellationToken ct)
        {
            if (Register.IsEmail(request.Email))
            {
                limits.CodeSent(request.Email!);
            }

            var user = Register.IsEmail(request.Email) ? await users.FindByEmailAsync(request.Email!) : null;
            if (user is not null)
            {
                await mail.PasswordResetCodeAsync(user, await codes.IssueAsync(user, CodePurpose.ResetPassword, Register.CodeLifetime, linkToken: false, ct), ct);
            }
        }

        public async Task ResetAsync(ResetRequest request, CancellationToken ct)
        {
            CheckNewPassword(request.NewPassword, request.Email, fullName: null); // the name would tell whose account this is

            // Not refused while password guesses make the account wait: the emailed code is how the owner gets back in.
            // Wrong codes have their own progressive wait, keyed by the address like sign-ins, known account or not.
            using var attempt = throttle.Enter(FailureThrottle.ResetCode, request.Email ?? "");
            var user = Register.IsEmail(request.Email) ? await users.FindByEmailAsync(request.Email!) : null;
            if (user is null || !await codes.ConsumeAsync(user, CodePurpose.ResetPassword, request.Code, ct))
            {
                attempt.Failed();
                events.SignInFailed(request.Email, user?.Id, "wrong-reset-code");
                throw ValidationException.For("code", "is wrong or expired. After 5 wrong tries, ask for a new code.");
            }

            attempt.Succeeded();
            await SetPasswordAsync(user, request.NewPassword!, keepSession: null, ct);
            user.EmailConfirmed = true; // the code proved the mailbox
            await users.UpdateAsync(user);
            throttle.Clear(user.Email);
            events.ThrottleLifted(user.Id, "password-reset");
        }

        public async Task ChangeAsync(Guid userId, Guid sessionId, ChangeRequest request, CancellationToken ct)
        {
            var user = await users.FindByIdAsync(userId.ToString()) ?? throw new UnauthorizedException("Sign in first.");
            CheckNewPassword(request.NewPassword, user.Email, user.FullName);
            if (!await users.CheckPasswordAsync(user, request.CurrentPassword ?? ""))
            {
                throw ValidationException.For("currentPassword", "is wrong.");
            }

            await SetPasswordAsync(user, request.NewPassword!, keepSession: sessionId, ct);
        }

        private async Task SetPasswordAsync(User user, string password, Guid? keepSession, CancellationToken ct)
        {
            user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            await users.UpdateSecurityStampAsync(user);
            await users.ResetAccessFailedCountAsync(user);
            await users.SetLockoutEndDateAsync(user, null);
            await signIns.RevokeAllAsync(user.Id, keepSession, "password-changed", ct);
            await mail.PasswordChangedAsync(user, ct);
        }

        private static void CheckNewPassword(string? password, string? email, string? fullName)
        {
            if (PasswordPolicy.Check(password, email, fullName) is { } error)
            {
                throw ValidationException.For("newPassword", error);
            }
        }
    }

    internal static void Map(RouteGroupBuilder auth)
    {
        auth.MapPost("/password/forgot", async Task<Accepted> (ForgotRequest request, Handler handler, CancellationToken ct) =>
            {
                await handler.ForgotAsync(request, ct);
                return TypedResults.Accepted((string?)null);
            })
            .RequireRateLimiting(IdentityRateLimits.CodeSending)
            .WithSummary("Email a password reset code (always 202)");

        auth.MapPost("/password/reset", async Task<NoContent> (ResetRequest request, Handler handler, CancellationToken ct) =>
            {
                await handler.ResetAsync(request, ct);
                return TypedResults.NoContent();
            })
            .RequireRateLimiting(IdentityRateLimits.SignIn)
            .WithSummary("Set a new password with the emailed code; ends every session");

        auth.MapPost("/password/change", async Task<NoContent> (ChangeRequest request, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
            {
                await handler.ChangeAsync(principal.UserId(), principal.SessionId(), request, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.Authenticated)
            .WithSummary("Change my password; ends my other sessions");
    }
}
