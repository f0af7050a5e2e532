using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Portico.Identity.Sessions;
using Portico.Identity.Users;

namespace Portico.Identity.Accounts;

/// <summary>
/// Replaces the authenticator app's recovery codes with ten new ones, after the password: for someone who used
/// some, lost the list or fears it was seen. The old codes stop working at once.
/// </summary>
internal static class NewRecoveryCodes
{
    internal sealed record Request(string? Password);

    internal sealed class Handler(UserManager<User> users)
    {
        public async Task<TwoFactor.EnableResponse> HandleAsync(Guid userId, Request request)
        {
            var user = await users.FindByIdAsync(userId.ToString()) ?? throw new UnauthorizedException("Sign in first.");
            if (!await users.CheckPasswordAsync(user, request.Password ?? ""))
            {
                throw ValidationException.For("password", "is wrong.");
            }

            if (user.AuthenticatorKey is null || !user.TwoFactorEnabled)
            {
                throw new ConflictException("Recovery codes belong to the authenticator app: set it up first.", "2fa-not-set-up");
            }

            return new TwoFactor.EnableResponse((await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToArray());
        }
    }

    internal static void Map(RouteGroupBuilder auth) => auth
        .MapPost("/2fa/recovery-codes", async Task<Ok<TwoFactor.EnableResponse>> (Request request, ClaimsPrincipal principal, Handler handler) =>
            TypedResults.Ok(await handler.HandleAsync(principal.UserId(), request)))
        .RequireAuthorization(Policies.Authenticated)
        .WithSummary("Replace my recovery codes with ten new ones (needs the password; the old ones stop working)");
}
