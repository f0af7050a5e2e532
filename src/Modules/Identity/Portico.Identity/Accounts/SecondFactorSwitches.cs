using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Portico.Identity.Sessions;
using Portico.Identity.Users;

namespace Portico.Identity.Accounts;

/// <summary>Turns one second factor off (the authenticator app, email codes or SMS codes), leaving the others; needs the password.</summary>
internal static class SecondFactorSwitches
{
    internal sealed record Request(string? Password);

    internal sealed class Handler(UserManager<User> users)
    {
        public async Task DisableAsync(Guid userId, string factor, Request request)
        {
            if (factor is not ("totp" or "email" or "sms"))
            {
                throw ValidationException.For("factor", "must be one of: totp, email, sms.");
            }

            var user = await users.FindByIdAsync(userId.ToString()) ?? throw new UnauthorizedException("Sign in first.");
            if (!await users.CheckPasswordAsync(user, request.Password ?? ""))
            {
                throw ValidationException.For("password", "is wrong.");
            }

            switch (factor)
            {
                case "totp":
                    user.AuthenticatorKey = null;
                    user.RecoveryCodeHashes = null;
                    await users.SetTwoFactorEnabledAsync(user, false);
                    break;
                case "email":
                    user.EmailTwoFactorEnabled = false;
                    await users.UpdateAsync(user);
                    break;
                default:
                    user.SmsTwoFactorEnabled = false;
                    await users.UpdateAsync(user);
                    break;
            }
        }
    }

    internal static void Map(RouteGroupBuilder auth) => auth
        .MapPost("/2fa/{factor}/disable", async Task<NoContent> (string factor, Request request, ClaimsPrincipal principal, Handler handler) =>
        {
            await handler.DisableAsync(principal.UserId(), factor, request);
            return TypedResults.NoContent();
        })
        .RequireAuthorization(Policies.Authenticated)
        .WithSummary("Turn one second factor off (totp, email or sms); needs the password");
}
