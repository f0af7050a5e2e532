using System.Security.Claims;

namespace Portico.Identity.Sessions;

/// <summary>Ends every session of the caller, this one included: every device, console and API client must sign in again.</summary>
internal static class SignOutEverywhere
{
    internal sealed class Handler(SignIns signIns)
    {
        public Task HandleAsync(Guid userId, CancellationToken ct) => signIns.RevokeAllAsync(userId, except: null, "signed-out-everywhere", ct);
    }

    internal static void Map(RouteGroupBuilder auth) => auth
        .MapPost("/sessions/sign-out-everywhere", async Task<NoContent> (ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(principal.UserId(), ct);
            return TypedResults.NoContent();
        })
        .RequireAuthorization(Policies.Authenticated)
        .WithSummary("Sign out every one of my sessions, this one included");
}
