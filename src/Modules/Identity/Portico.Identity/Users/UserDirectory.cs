using Portico.Identity.Contracts;

namespace Portico.Identity.Users;

internal sealed class UserDirectory(IdentityDbContext db) : IUserDirectory
{
    public async Task<IReadOnlyList<UserInfo>> FindByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new UserInfo(u.Id, u.Email, u.FullName, u.Locale, u.PlatformRole))
            .ToListAsync(cancellationToken);

    public async Task<UserInfo?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(email);
        return await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail == normalized)
            .Select(u => new UserInfo(u.Id, u.Email, u.FullName, u.Locale, u.PlatformRole))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
