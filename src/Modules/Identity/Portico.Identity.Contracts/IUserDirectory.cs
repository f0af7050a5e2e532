namespace Portico.Identity.Contracts;

/// <summary>What another module may know of a user.</summary>
public sealed record UserInfo(Guid Id, string Email, string FullName, string Locale, string? PlatformRole = null);

/// <summary>Looks users up for other modules (member lists, invitations).</summary>
public interface IUserDirectory
{
    Task<IReadOnlyList<UserInfo>> FindByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    Task<UserInfo?> FindByEmailAsync(string email, CancellationToken cancellationToken);
}
