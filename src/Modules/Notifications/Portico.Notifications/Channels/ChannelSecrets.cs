using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Kernel.Modules;

namespace Portico.Notifications.Channels;

/// <summary>
/// A tenant's channel credentials (Slack incoming-webhook URL, Telegram bot token) are stored encrypted
/// (<see cref="SecretProtector"/>); the API shows their last characters only, and the dispatcher reveals them just
/// for the send.
/// </summary>
internal static class ChannelSecrets
{
    public const string Purpose = SecretPurposes.NotificationChannelSecret;

    /// <summary>An untracked copy with the secrets in the clear, for the channel that sends.</summary>
    public static ChannelSettings? Reveal(ChannelSettings? stored, SecretProtector secrets)
    {
        if (stored is null)
        {
            return null;
        }

        stored.SlackWebhookUrl = secrets.Reveal(Purpose, stored.SlackWebhookUrl);
        stored.TelegramBotToken = secrets.Reveal(Purpose, stored.TelegramBotToken);
        return stored;
    }
}

/// <summary>
/// Encrypts channel credentials stored in the clear before encryption at rest existed: at start, then daily (an
/// indexed nothing once done). Each row is rewritten only if it still holds the value read, so a change made
/// meanwhile is never overwritten. No audit row: the value does not change, only how it is stored.
/// </summary>
internal sealed class EncryptChannelSecrets(IServiceScopeFactory scopes, TimeProvider clock, ILogger<EncryptChannelSecrets> logger)
    : PlatformJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromDays(1);

    protected override string Actor => "system:secrets-at-rest";

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<NotificationsDbContext>();
        var secrets = services.GetRequiredService<SecretProtector>();
        var handled = 0;
        while (true)
        {
            var plain = await db.ChannelSettings.IgnoreQueryFilters().AsNoTracking()
                .Where(s => (s.SlackWebhookUrl != null && !s.SlackWebhookUrl.StartsWith(SecretProtector.Prefix))
                    || (s.TelegramBotToken != null && !s.TelegramBotToken.StartsWith(SecretProtector.Prefix)))
                .OrderBy(s => s.Id).Take(100).ToListAsync(cancellationToken);
            foreach (var row in plain)
            {
                var slack = SecretProtector.IsProtected(row.SlackWebhookUrl) ? row.SlackWebhookUrl : secrets.Protect(Purpose, row.SlackWebhookUrl);
                var telegram = SecretProtector.IsProtected(row.TelegramBotToken) ? row.TelegramBotToken : secrets.Protect(Purpose, row.TelegramBotToken);
                handled += await db.ChannelSettings.IgnoreQueryFilters()
                    .Where(s => s.Id == row.Id && s.SlackWebhookUrl == row.SlackWebhookUrl && s.TelegramBotToken == row.TelegramBotToken)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.SlackWebhookUrl, slack).SetProperty(s => s.TelegramBotToken, telegram), cancellationToken);
            }

            if (plain.Count < 100)
            {
                return handled;
            }
        }
    }

    private const string Purpose = ChannelSecrets.Purpose;
}
