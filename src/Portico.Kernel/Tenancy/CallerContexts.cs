using System.Security.Claims;
using Portico.Kernel.Errors;
using Portico.Kernel.Http;

namespace Portico.Kernel.Tenancy;

/// <summary>What the identity module knows of a live session: checked on every API request and every console action.</summary>
public sealed record LiveSession(Guid UserId, string Locale, string TimeZone);

/// <summary>Tells whether a session is still live (not signed out, revoked or expired). Implemented by the identity module.</summary>
public interface ISessionDirectory
{
    /// <summary>The session's user and preferences, or null once the session has ended.</summary>
    Task<LiveSession?> FindLiveAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken);

    /// <summary>Signs the session out (the console's "sign out"); an ended or unknown session is left as it is.</summary>
    Task EndAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken);
}

/// <summary>
/// Fills a unit of work's <see cref="RequestContext"/> from a caller, the same way for an HTTP request
/// (the <c>UseTenantAccess</c> middleware) and for an action in a console circuit (<c>ConsoleCaller</c>).
/// Everything is read again each time, so a removed member or an ended session loses access at once.
/// </summary>
public sealed class CallerContexts(RequestContext context, ITenantAccessResolver tenants, ISessionDirectory sessions)
{
    public const string SessionClaim = "sid";
    public const string PlatformAdminRole = "PlatformAdmin";

    /// <summary>Checks that the principal's session is still live and makes its user the actor.</summary>
    public async Task SignInAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.TryGetUserId() is not { } userId
            || !Guid.TryParse(principal.FindFirstValue(SessionClaim), out var sessionId)
            || await sessions.FindLiveAsync(sessionId, userId, cancellationToken) is not { } session)
        {
            throw new UnauthorizedException("Your session has ended. Sign in again.");
        }

        context.SetUser(userId);
        context.SetPreferences(session.Locale, session.TimeZone);
    }

    /// <summary>
    /// Resolves the caller's role in the tenant <paramref name="slug"/>: an unknown tenant or one the
    /// caller is not a member of is a 404 (never a 403, so other tenants' slugs reveal nothing); a suspended tenant is a 403.
    /// </summary>
    public async Task<TenantAccess> EnterTenantAsync(string slug, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = principal.TryGetUserId() ?? Guid.Empty;
        var access = await tenants.ResolveAsync(slug, userId, principal.IsInRole(PlatformAdminRole), cancellationToken)
            ?? throw new NotFoundException("Tenant", slug);
        if (access.Suspended)
        {
            throw new ForbiddenException($"The tenant '{slug}' is suspended. Contact support.", "tenant-suspended");
        }

        context.SetAccess(access);
        return access;
    }
}
