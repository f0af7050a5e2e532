using System.Security.Claims;
using Portico.Identity.Sessions;
using Portico.Identity.Users;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Identity.Accounts;

/// <summary>
/// GDPR rights of the signed-in user: a copy of their data (Art. 15/20) and erasure (Art. 17).
/// Erasure keeps the account row as an anonymous tombstone so audit trails stay consistent, scrubs the
/// person's details from the identity audit log, and refuses while the user is a tenant's only Owner.
/// </summary>
internal static class PersonalData
{
    internal sealed record Export(Me.Profile Profile, IReadOnlyList<SessionEndpoints.SessionView> Sessions, DateTimeOffset ExportedAt);

    internal sealed class Handler(
        IdentityDbContext db, Me.Handler profiles, SessionEndpoints.Handler sessions, IMembershipDirectory memberships, SignIns signIns, TimeProvider clock, RequestContext context)
    {
        public async Task<Export> ExportAsync(Guid userId, Guid sessionId, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            return new Export(await profiles.GetAsync(userId, ct), await sessions.ListAsync(userId, sessionId, now, ct), now);
        }

        public async Task EraseAsync(Guid userId, CancellationToken ct)
        {
            var sole = await memberships.SoleOwnershipsAsync(userId, ct);
            if (sole.Count > 0)
            {
                throw new ConflictException(
                    $"You are the only Owner of: {string.Join(", ", sole)}. Make someone else Owner (or delete the tenant) first.", "sole-owner");
            }

            await memberships.RemoveAllForUserAsync(userId, ct);
            await signIns.RevokeAllAsync(userId, except: null, "account-erased", ct);

            var sessionIds = await db.Set<Session>().Where(s => s.UserId == userId).Select(s => s.Id).ToListAsync(ct);
            var linkIds = await db.Set<External.ExternalLogin>().Where(l => l.UserId == userId).Select(l => l.Id).ToListAsync(ct);
            db.RemoveRange(await db.Set<External.ExternalLogin>().Where(l => l.UserId == userId).ToListAsync(ct));
            await db.Set<Session>().Where(s => s.UserId == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.IpAddress, (string?)null).SetProperty(x => x.UserAgent, (string?)null), ct);

            var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
            user.Email = $"erased-{user.Id:N}@erased.invalid";
            user.NormalizedEmail = User.Normalize(user.Email);
            user.FullName = "";
            user.PhoneNumber = null;
            user.AvatarUrl = null;
            user.PasswordHash = "";
            user.AuthenticatorKey = null;
            user.RecoveryCodeHashes = null;
            user.TwoFactorEnabled = false;
            user.EmailTwoFactorEnabled = false;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync(ct);

            // The log keeps that the account existed and changed, not who the person was. Account rows
            // belong to no tenant, so reaching their audit rows is deliberately platform-scoped.
            context.EnterPlatformScope();
            await db.AuditLog.Where(e => (e.EntityType == nameof(User) && e.EntityId == userId)
                    || (e.EntityType == nameof(Session) && sessionIds.Contains(e.EntityId))
                    || (e.EntityType == nameof(External.ExternalLogin) && linkIds.Contains(e.EntityId)))
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.Changes, "{\"erased\":true}"), ct);
        }
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/me/export", async Task<Ok<Export>> (ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ExportAsync(principal.UserId(), principal.SessionId(), ct)))
            .RequireAuthorization(Policies.Authenticated).WithTags("Me")
            .WithSummary("Download my personal data as JSON (GDPR Art. 15 and 20)");

        api.MapDelete("/me", async Task<NoContent> (ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
            {
                await handler.EraseAsync(principal.UserId(), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.Authenticated).WithTags("Me")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Erase my account (GDPR Art. 17); refused while I am a tenant's only Owner");
    }
}
