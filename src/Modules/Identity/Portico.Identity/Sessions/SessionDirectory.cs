using Portico.Data.Caching;
using Portico.Identity.Users;
using Portico.Kernel.Tenancy;

namespace Portico.Identity.Sessions;

/// <summary>
/// A signature (API) or a cookie (console) is not enough: the session must still be live, so signing out,
/// a password change or a revoked device takes effect on the next request or console action.
/// Cached per instance, evicted when the session is revoked.
/// </summary>
internal sealed class SessionDirectory(IdentityDbContext db, ContextCache cache, TimeProvider clock, SignIns signIns) : ISessionDirectory
{
    private sealed record SessionLiveness(Guid UserId, DateTimeOffset ExpiresAt, bool Revoked, string Locale, string TimeZone);

    public async Task<LiveSession?> FindLiveAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken)
    {
        var session = await cache.GetOrCreateAsync(
            ContextCacheKeys.Session(sessionId), (db, sessionId), static async (state, ct) => new Cached<SessionLiveness>(
                await state.db.Set<Session>().AsNoTracking()
                    .Where(s => s.Id == state.sessionId)
                    .Join(state.db.Set<User>(), s => s.UserId, u => u.Id, (s, u) => new SessionLiveness(s.UserId, s.ExpiresAt, s.RevokedAt != null, u.Locale, u.TimeZone))
                    .FirstOrDefaultAsync(ct)),
            cancellationToken);
        return session.Value is { Revoked: false } live && live.UserId == userId && live.ExpiresAt > clock.GetUtcNow()
            ? new LiveSession(live.UserId, live.Locale, live.TimeZone)
            : null;
    }

    public async Task EndAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken)
    {
        if (await db.Set<Session>().FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken) is { } session)
        {
            await signIns.RevokeAsync(session, "logout", cancellationToken);
        }
    }
}
