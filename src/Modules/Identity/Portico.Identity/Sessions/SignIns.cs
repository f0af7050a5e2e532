using Microsoft.Extensions.Options;
using Portico.Identity.Users;
using Portico.Kernel.Errors;
using Portico.Kernel.Tenancy;

namespace Portico.Identity.Sessions;

/// <summary>The tokens a completed sign-in or refresh answers with.</summary>
internal sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType = "Bearer")
{
    /// <summary>The session the tokens belong to; the console's cookie names it instead of carrying tokens.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid SessionId { get; init; }
}

/// <summary>
/// Starts sessions and rotates their refresh tokens. A refresh token works once; presenting one
/// that was already rotated means it was copied, so the whole session is revoked.
/// </summary>
internal sealed class SignIns(IdentityDbContext db, AccessTokens tokens, IOptions<AuthOptions> options, TimeProvider clock, RequestContext context, IHttpContextAccessor http, SecurityEvents events)
{
    public async Task<TokenPair> StartAsync(User user, string method, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var request = http.HttpContext?.Request;
        var session = new Session
        {
            UserId = user.Id,
            Method = method,
            UserAgent = request?.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 500)] : null,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            LastUsedAt = now,
            ExpiresAt = now + options.Value.RefreshTokenLifetime,
        };
        db.Add(session);
        context.SetActor($"user:{user.Id}");
        var refresh = NewRefreshToken(session, now);
        await db.SaveChangesAsync(ct);
        return Pair(user, session, refresh);
    }

    public async Task<TokenPair> RefreshAsync(string? refreshToken, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hash = Secrets.Hash(refreshToken ?? "");
        var stored = await db.Set<RefreshToken>().FirstOrDefaultAsync(t => t.TokenHash == hash, ct)
            ?? throw new UnauthorizedException("The refresh token is not valid.");
        var session = await db.Set<Session>().FirstAsync(s => s.Id == stored.SessionId, ct);
        var user = await db.Users.FirstAsync(u => u.Id == session.UserId, ct);
        context.SetActor($"user:{user.Id}");

        if (stored.UsedAt is not null)
        {
            events.RefreshTokenReuse(user.Id, session.Id);
            await RevokeAsync(session, "refresh-token-reuse", ct);
            throw new UnauthorizedException("This refresh token was already used; the session has been revoked. Sign in again.");
        }

        if (!session.IsActive(now) || stored.ExpiresAt <= now)
        {
            throw new UnauthorizedException("The session has ended. Sign in again.");
        }

        stored.UsedAt = now;
        session.LastUsedAt = now;
        var next = NewRefreshToken(session, now);
        try
        {
            await db.SaveChangesAsync(ct); // the used-at write carries the version check: two racing refreshes cannot both win
        }
        catch (ConcurrencyException)
        {
            throw new UnauthorizedException("This refresh token was used by another request at the same time. Sign in again.");
        }

        return Pair(user, session, next);
    }

    public async Task RevokeAsync(Session session, string reason, CancellationToken ct)
    {
        if (session.RevokedAt is null)
        {
            session.RevokedAt = clock.GetUtcNow();
            session.RevokedReason = reason;
            await db.SaveChangesAsync(ct);
            if (reason != "logout")
            {
                events.SessionRevoked(session.UserId, session.Id, reason); // signing out is no security event
            }
        }
    }

    /// <summary>Ends every session of the user except one (after a password change), or all.</summary>
    public async Task RevokeAllAsync(Guid userId, Guid? except, string reason, CancellationToken ct)
    {
        // Loaded rather than bulk-updated, so each revocation lands in the audit log.
        var now = clock.GetUtcNow();
        var sessions = await db.Set<Session>().Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != except).ToListAsync(ct);
        foreach (var session in sessions)
        {
            session.RevokedAt = now;
            session.RevokedReason = reason;
        }

        await db.SaveChangesAsync(ct);
        if (sessions.Count > 0)
        {
            events.SessionRevoked(userId, sessionId: null, reason, sessions.Count);
        }
    }

    private string NewRefreshToken(Session session, DateTimeOffset now)
    {
        var token = Secrets.NewToken();
        db.Add(new RefreshToken { SessionId = session.Id, TokenHash = Secrets.Hash(token), ExpiresAt = session.ExpiresAt });
        return token;
    }

    private TokenPair Pair(User user, Session session, string refresh)
    {
        var (access, lifetime) = tokens.Issue(user, session.Id);
        return new TokenPair(access, refresh, (int)lifetime.TotalSeconds) { SessionId = session.Id };
    }
}
