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

    internal sealed class Handler(UserManager<User> users, OneTimeCodes codes, IdentityMail mail, SignIns signIns, AccountRateLimits limits)
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
            CheckNewPassword(request.NewPassword);
            var user = Register.IsEmail(request.Email) ? await users.FindByEmailAsync(request.Email!) : null;
            if (user is not null && await users.IsLockedOutAsync(user))
            {
                throw new LockedException("Too many failed attempts: the account is locked for a while.", (user.LockoutEnd ?? DateTimeOffset.UtcNow) - DateTimeOffset.UtcNow);
            }

            if (user is null || !await codes.ConsumeAsync(user, CodePurpose.ResetPassword, request.Code, ct))
            {
                // A wrong reset code counts like a wrong password: guessing codes across fresh codes meets the lockout.
                if (user is not null)
                {
                    await users.AccessFailedAsync(user);
                }

                throw ValidationException.For("code", "is wrong or expired. After 5 wrong tries, ask for a new code.");
            }

            await SetPasswordAsync(user, request.NewPassword!, keepSession: null, ct);
            user.EmailConfirmed = true; // the code proved the mailbox
            await users.UpdateAsync(user);
        }

        public async Task ChangeAsync(Guid userId, Guid sessionId, ChangeRequest request, CancellationToken ct)
        {
            CheckNewPassword(request.NewPassword);
            var user = await users.FindByIdAsync(userId.ToString()) ?? throw new UnauthorizedException("Sign in first.");
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

        private static void CheckNewPassword(string? password)
        {
            if (PasswordPolicy.Check(password) is { } error)
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
