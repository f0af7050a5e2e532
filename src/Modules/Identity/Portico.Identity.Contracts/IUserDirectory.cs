namespace Portico.Identity.Contracts;

/// <summary>What another module may know of a user.</summary>
public sealed record UserInfo(Guid Id, string Email, string FullName, string Locale, string? PlatformRole = null)
{
    /// <summary>IANA time zone id ("Europe/Moscow"); "UTC" when the user never set one.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Confirmed phone number in E.164, when there is one.</summary>
    public string? Phone { get; init; }

    /// <summary>The user's Telegram id when they signed in with Telegram: the chat id of a private chat with a bot.</summary>
    public long? TelegramId { get; init; }
}

/// <summary>Looks users up for other modules (member lists, invitations).</summary>
public interface IUserDirectory
{
    Task<IReadOnlyList<UserInfo>> FindByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    Task<UserInfo?> FindByEmailAsync(string email, CancellationToken cancellationToken);
}
