using System.Security.Claims;

namespace Portico.Tenancy.Pages;

/// <summary>
/// Platform pages run handlers that the API guards with its platform policies: the console checks the same role
/// on every action (the page's <c>[Authorize]</c> only decides what is shown).
/// </summary>
internal static class PlatformRoles
{
    public const string Admin = "PlatformAdmin";
    public const string AccountManager = "AccountManager";

    public static void Demand(ClaimsPrincipal user, params string[] roles)
    {
        if (!roles.Any(user.IsInRole))
        {
            throw new ForbiddenException("This needs a platform role your account does not have.", "permission-denied");
        }
    }
}
