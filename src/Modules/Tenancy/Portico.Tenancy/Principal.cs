using System.Security.Claims;

namespace Portico.Tenancy;

internal static class Principal
{
    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue("sub"), out var id) ? id : throw new UnauthorizedException("Sign in first.");
}
