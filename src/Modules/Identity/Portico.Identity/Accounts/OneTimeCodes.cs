using Portico.Identity.Codes;
using Portico.Identity.Users;

namespace Portico.Identity.Accounts;

/// <summary>Issues and checks single-use codes and link tokens for one purpose at a time.</summary>
internal sealed class OneTimeCodes(IdentityDbContext db, TimeProvider clock)
{
    public const int MaxFailedAttempts = 5;

    /// <summary>Creates a code and retires the user's earlier ones for the same purpose, so only the newest works.</summary>
    public async Task<string> IssueAsync(User user, string purpose, TimeSpan lifetime, bool linkToken, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Set<OneTimeCode>()
            .Where(c => c.UserId == user.Id && c.Purpose == purpose && c.ConsumedAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.ConsumedAt, now), ct);
        var secret = linkToken ? Secrets.NewToken() : Secrets.NewCode();
        db.Add(new OneTimeCode { UserId = user.Id, Purpose = purpose, CodeHash = Secrets.Hash(secret), ExpiresAt = now + lifetime });
        await db.SaveChangesAsync(ct);
        return secret;
    }

    /// <summary>
    /// Consumes the user's live code if it matches. A wrong code counts against it; after
    /// <see cref="MaxFailedAttempts"/> it is burnt and a new one must be requested.
    /// </summary>
    public async Task<bool> ConsumeAsync(User user, string purpose, string? code, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var live = await db.Set<OneTimeCode>()
            .Where(c => c.UserId == user.Id && c.Purpose == purpose && c.ConsumedAt == null && c.ExpiresAt > now)
            .OrderByDescending(c => c.Id)
            .FirstOrDefaultAsync(ct);
        if (live is null || live.FailedAttempts >= MaxFailedAttempts)
        {
            return false;
        }

        if (string.IsNullOrEmpty(code) || !Secrets.Matches(code.Trim(), live.CodeHash))
        {
            live.FailedAttempts++;
            await db.SaveChangesAsync(ct);
            return false;
        }

        live.ConsumedAt = now;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Finds and consumes a link token (magic link) without knowing the user first.</summary>
    public async Task<Guid?> ConsumeLinkAsync(string purpose, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var hash = Secrets.Hash(token);
        var live = await db.Set<OneTimeCode>().FirstOrDefaultAsync(c => c.CodeHash == hash && c.Purpose == purpose, ct);
        if (live is null || live.ConsumedAt is not null || live.ExpiresAt <= now)
        {
            return null;
        }

        live.ConsumedAt = now;
        await db.SaveChangesAsync(ct); // the Version token makes a concurrent second use fail
        return live.UserId;
    }
}
