using System.Security.Claims;

namespace Portico.Identity.Sessions;

internal static class PrincipalExtensions
{
    public static Guid SessionId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(AccessTokens.SessionClaim), out var id) ? id : throw new UnauthorizedException("Sign in first.");
}
