using Microsoft.AspNetCore.Identity;
using Portico.Identity.Codes;
using Portico.Identity.Users;

namespace Portico.Identity.Accounts;

/// <summary>Password-less sign-in by a single-use link valid 15 minutes.</summary>
internal static class MagicLink
{
    internal sealed record Request(string? Email);

    internal sealed record VerifyRequest(string? Token);

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    internal sealed class Handler(UserManager<User> users, OneTimeCodes codes, IdentityMail mail, Login.Handler login, AccountRateLimits limits, FailureThrottle throttle, SecurityEvents events)
    {
        public async Task SendAsync(Request request, CancellationToken ct)
        {
            if (Register.IsEmail(request.Email))
            {
                limits.CodeSent(request.Email!);
            }

            var user = Register.IsEmail(request.Email) ? await users.FindByEmailAsync(request.Email!) : null;
            if (user is not null)
            {
                await mail.MagicLinkAsync(user, await codes.IssueAsync(user, CodePurpose.MagicLink, Lifetime, linkToken: true, ct), ct);
            }
        }

        public async Task<Login.Response> VerifyAsync(VerifyRequest request, CancellationToken ct)
        {
            var userId = await codes.ConsumeLinkAsync(CodePurpose.MagicLink, request.Token, ct)
                ?? throw new UnauthorizedException("The link is invalid, used or expired. Ask for a new one.");
            var user = await users.FindByIdAsync(userId.ToString()) ?? throw new UnauthorizedException("The link is invalid, used or expired.");
            // Opening the link proves the mailbox: it ends any wait that guessed passwords put on the account, so a
            // stranger hammering the address cannot keep its owner out. (A second-factor lockout stays: only
            // someone who knew the password caused it, and the challenge that follows still answers 423.)
            throttle.Clear(user.Email);
            events.ThrottleLifted(user.Id, "magic-link");
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
            return await login.SignInOrChallengeAsync(user, "magic-link", ct);
        }
    }

    internal static void Map(RouteGroupBuilder auth)
    {
        auth.MapPost("/magic-link", async Task<Accepted> (Request request, Handler handler, CancellationToken ct) =>
            {
                await handler.SendAsync(request, ct);
                return TypedResults.Accepted((string?)null);
            })
            .RequireRateLimiting(IdentityRateLimits.CodeSending)
            .WithSummary("Email a sign-in link (always 202)");

        auth.MapPost("/magic-link/verify", async Task<Ok<Login.Response>> (VerifyRequest request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.VerifyAsync(request, ct)))
            .RequireRateLimiting(IdentityRateLimits.SignIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("Exchange a sign-in link's token for tokens (single use)");
    }
}
