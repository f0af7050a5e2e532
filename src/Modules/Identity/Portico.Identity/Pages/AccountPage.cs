using System.Security.Claims;
using Portico.Console.Shell;
using Portico.Kernel.Http;
using Portico.Kernel.Tenancy;

namespace Portico.Identity.Pages;

/// <summary>Base of the signed-in person's own pages: who they are and which session this console is.</summary>
public abstract class AccountPage : ConsoleComponent
{
    /// <summary>The circuit's user and session (the handlers take them explicitly, as the API passes the token's).</summary>
    protected async Task<(Guid UserId, Guid SessionId)> CallerAsync()
    {
        var user = await Caller.UserAsync();
        return user.TryGetUserId() is { } userId && Guid.TryParse(user.FindFirstValue(CallerContexts.SessionClaim), out var sessionId)
            ? (userId, sessionId)
            : throw new UnauthorizedException("Sign in first.");
    }
}
