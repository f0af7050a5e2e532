using System.Security.Claims;
using Portico.Kernel.Errors;

namespace Portico.Kernel.Http;

/// <summary>Reading the signed-in user from an access token's claims, in one place.</summary>
public static class Principals
{
    public const string SubjectClaim = "sub";

    /// <summary>The user id, or null for an anonymous caller.</summary>
    public static Guid? TryGetUserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SubjectClaim), out var id) ? id : null;

    /// <summary>The user id of a caller that must be signed in.</summary>
    public static Guid UserId(this ClaimsPrincipal principal) =>
        principal.TryGetUserId() ?? throw new UnauthorizedException("Sign in first.");
}
