using System.Globalization;
using Portico.Identity.Contracts;
using Portico.Identity.External;

namespace Portico.Identity.Users;

internal sealed class UserDirectory(IdentityDbContext db) : IUserDirectory
{
    public async Task<IReadOnlyList<UserInfo>> FindByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        await WithTelegramIdsAsync(db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)), cancellationToken);

    public async Task<UserInfo?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(email);
        var found = await WithTelegramIdsAsync(db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized), cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    private async Task<IReadOnlyList<UserInfo>> WithTelegramIdsAsync(IQueryable<User> users, CancellationToken cancellationToken)
    {
        var found = await users
            .Select(u => new
            {
                Info = new UserInfo(u.Id, u.Email, u.FullName, u.Locale, u.PlatformRole)
                {
                    TimeZone = u.TimeZone,
                    Phone = u.PhoneNumberConfirmed ? u.PhoneNumber : null,
                },
                Telegram = db.Set<ExternalLogin>()
                    .Where(l => l.UserId == u.Id && l.Provider == TelegramLogin.Provider)
                    .Select(l => l.ProviderKey)
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return found
            .Select(x => long.TryParse(x.Telegram, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? x.Info with { TelegramId = id } : x.Info)
            .ToList();
    }
}
