namespace Portico.Messaging.Bots;

/// <summary>A bot as the API shows it: never its token, only the token's last four characters.</summary>
internal sealed record BotView(
    Guid Id, string Name, string Username, long TelegramId, string TokenHint, string Status, string Mode, string? LastError, int ErrorCount,
    DateTimeOffset? LastErrorAt, int PendingUpdates, DateTimeOffset? CheckedAt, string? Description, string? WelcomeMessage,
    IReadOnlyList<AutoReply> AutoReplies, LeadCaptureSettings LeadCapture, BotCounters Counters, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static BotView From(Bot bot) => new(
        bot.Id, bot.Name, bot.Username, bot.TelegramId, bot.TokenHint, bot.Status, bot.Mode, bot.LastError, bot.ErrorCount, bot.LastErrorAt,
        bot.PendingUpdates, bot.CheckedAt, bot.Description, bot.WelcomeMessage, BotSettings.AutoRepliesOf(bot), BotSettings.LeadCaptureOf(bot),
        new BotCounters(bot.UsersCount, bot.MessagesCount, bot.LeadsCount), bot.CreatedAt, bot.UpdatedAt, bot.Version);
}

internal sealed record BotCounters(int Users, int Messages, int Leads);
