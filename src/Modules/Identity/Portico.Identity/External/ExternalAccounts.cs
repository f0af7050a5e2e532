using Portico.Identity.Users;

namespace Portico.Identity.External;

/// <summary>What an outside provider vouched for about a person.</summary>
internal sealed record ExternalIdentity(string Provider, string Key, string? Email, bool EmailVerified, string Name);

/// <summary>
/// The one place that turns a verified outside identity into a Portico user, for every provider:
/// a signed-in caller links it; a known link signs in; otherwise a verified email links the account
/// with that email or creates one. An unverified email never reaches an existing account.
/// </summary>
internal sealed class ExternalAccounts(IdentityDbContext db, Accounts.Login.Handler login, TimeProvider clock)
{
    public async Task<Accounts.Login.Response> SignInAsync(ExternalIdentity identity, Guid? currentUser, CancellationToken ct)
    {
        var link = await db.Set<ExternalLogin>().FirstOrDefaultAsync(l => l.Provider == identity.Provider && l.ProviderKey == identity.Key, ct);
        if (link is not null && currentUser is { } me && me != link.UserId)
        {
            throw new ConflictException("This account at the provider is linked to another Portico account.", "external-login-taken");
        }

        var user = link is not null ? await db.Users.FirstAsync(u => u.Id == link.UserId, ct)
            : currentUser is { } signedIn ? await db.Users.FirstAsync(u => u.Id == signedIn, ct)
            : await FindOrCreateAsync(identity, ct);
        if (link is null)
        {
            db.Add(new ExternalLogin { Provider = identity.Provider, ProviderKey = identity.Key, UserId = user.Id, DisplayName = identity.Name });
        }

        if (user.LockoutEnd > clock.GetUtcNow())
        {
            throw new UnauthorizedException("The account is locked for now. Try again later.");
        }

        await db.SaveChangesAsync(ct);
        return await login.SignInOrChallengeAsync(user, identity.Provider, ct);
    }

    private async Task<User> FindOrCreateAsync(ExternalIdentity identity, CancellationToken ct)
    {
        if (identity.Email is null)
        {
            // Providers without email (Telegram): a placeholder address; the person signs in through the provider.
            var placeholder = $"{identity.Provider.Replace(':', '-')}-{identity.Key}@users.portico.invalid";
            return db.Users.Add(new User { Email = placeholder, NormalizedEmail = User.Normalize(placeholder), FullName = identity.Name, EmailConfirmed = true }).Entity;
        }

        if (!identity.EmailVerified)
        {
            throw new UnauthorizedException("The provider did not vouch for the email address; sign in first and link the provider.");
        }

        var normalized = User.Normalize(identity.Email);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (user is null)
        {
            return db.Users.Add(new User { Email = EmailAddresses.Normalize(identity.Email) ?? identity.Email.Trim(), NormalizedEmail = normalized, FullName = identity.Name, EmailConfirmed = true }).Entity;
        }

        user.EmailConfirmed = true; // the provider vouches for the mailbox
        return user;
    }
}
