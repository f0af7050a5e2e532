namespace Portico.Messaging.Contracts;

/// <summary>
/// Telegram for other modules (Scheduling's reminders): a text to the person with this phone, through one of the current
/// tenant's active bots in whose private chat they shared that phone. Runs for the current tenant only.
/// </summary>
public interface ITelegramReach
{
    /// <summary>
    /// Sends <paramref name="text"/> to the chat of a not-blocked user who shared <paramref name="phoneE164"/> with an
    /// active bot (the most recently seen, if several): true when Telegram took it; false when there is no such chat or
    /// Telegram refused it (the user blocked the bot), so the caller can use another channel. Network failures and
    /// Telegram's outages, once its retries are spent, are thrown.
    /// </summary>
    Task<bool> SendToPhoneAsync(string phoneE164, string text, CancellationToken cancellationToken);
}
