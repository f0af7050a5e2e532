using System.Security.Claims;

namespace Portico.Identity.Sessions;

/// <summary>Refresh, sign out, and the list of one's own signed-in devices.</summary>
internal static class SessionEndpoints
{
    internal sealed record RefreshRequest(string? RefreshToken);

    internal sealed record SessionView(Guid Id, string Method, string? UserAgent, string? IpAddress, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, bool Current);

    internal sealed class Handler(IdentityDbContext db, SignIns signIns)
    {
        public async Task LogoutAsync(string? refreshToken, CancellationToken ct)
        {
            var hash = Secrets.Hash(refreshToken ?? "");
            var sessionId = await db.Set<RefreshToken>().Where(t => t.TokenHash == hash).Select(t => (Guid?)t.SessionId).FirstOrDefaultAsync(ct)
                ?? throw new UnauthorizedException("The refresh token is not valid.");
            await signIns.RevokeAsync(await db.Set<Session>().FirstAsync(s => s.Id == sessionId, ct), "logout", ct);
        }

        public async Task<List<SessionView>> ListAsync(Guid userId, Guid currentSession, DateTimeOffset now, CancellationToken ct) =>
            await db.Set<Session>().AsNoTracking()
                .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
                .OrderByDescending(s => s.Id)
                .Select(s => new SessionView(s.Id, s.Method, s.UserAgent, s.IpAddress, s.CreatedAt, s.LastUsedAt, s.Id == currentSession))
                .ToListAsync(ct);

        public async Task RevokeAsync(Guid userId, Guid sessionId, CancellationToken ct)
        {
            // Another user's session id is simply not found.
            var session = await db.Set<Session>().FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null, ct)
                ?? throw new NotFoundException("Session", sessionId);
            await signIns.RevokeAsync(session, "revoked-by-user", ct);
        }
    }

    internal static void Map(RouteGroupBuilder auth)
    {
        auth.MapPost("/refresh", async Task<Ok<TokenPair>> (RefreshRequest request, SignIns signIns, CancellationToken ct) =>
                TypedResults.Ok(await signIns.RefreshAsync(request.RefreshToken, ct)))
            .RequireRateLimiting(IdentityRateLimits.SignIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("Exchange a refresh token for a new pair; reusing a rotated token revokes the session");

        auth.MapPost("/logout", async Task<NoContent> (RefreshRequest request, Handler handler, CancellationToken ct) =>
            {
                await handler.LogoutAsync(request.RefreshToken, ct);
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("End the session of this refresh token");

        auth.MapGet("/sessions", async Task<Ok<List<SessionView>>> (ClaimsPrincipal principal, Handler handler, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(principal.UserId(), principal.SessionId(), clock.GetUtcNow(), ct)))
            .RequireAuthorization(Policies.Authenticated)
            .WithSummary("My signed-in sessions");

        auth.MapDelete("/sessions/{id:guid}", async Task<NoContent> (Guid id, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
            {
                await handler.RevokeAsync(principal.UserId(), id, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.Authenticated)
            .WithSummary("Sign out one of my sessions");
    }
}
