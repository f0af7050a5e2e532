using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portico.Data.Events;
using Portico.Kernel.Events;
using Portico.Kernel.Modules;
using Portico.Messaging.Inbound;
using Portico.Messaging.Telegram;
using Portico.Tenancy.Contracts;

namespace Portico.Messaging.Bots;

/// <summary>
/// Asks Telegram about every active webhook bot (<c>getWebhookInfo</c>) every <see cref="MessagingOptions.HealthCheckPeriod"/>:
/// records the pending update count, and puts a bot whose webhook Telegram reports failing since the last check into
/// <c>error</c> with Telegram's message (back to <c>active</c> once deliveries succeed again).
/// </summary>
internal sealed class BotHealthCheck(IServiceScopeFactory scopes, IOptions<MessagingOptions> options, TimeProvider clock, ILogger<BotHealthCheck> logger)
    : PlatformJob(scopes, clock, logger)
{
    protected override TimeSpan Period => options.Value.HealthCheckPeriod;

    protected override string Actor => "system:bot-health";

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var bots = await services.GetRequiredService<MessagingDbContext>().Bots.IgnoreQueryFilters().AsNoTracking()
            .Where(b => b.Mode == BotModes.Webhook && b.Status != BotStatuses.Inactive)
            .Select(b => new { b.Id, b.TenantId })
            .ToListAsync(cancellationToken);
        foreach (var bot in bots)
        {
            if (await services.GetRequiredService<ITenantProfiles>().FindAsync(bot.TenantId, cancellationToken) is not { } tenant)
            {
                continue;
            }

            await services.GetRequiredService<IServiceScopeFactory>().RunAsync(bot.TenantId, tenant.Slug, Actor, s => CheckAsync(s, bot.Id, cancellationToken));
        }

        return bots.Count;
    }

    private async Task CheckAsync(IServiceProvider services, Guid botId, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MessagingDbContext>();
        var bot = await db.FindBotAsync(botId, cancellationToken);
        WebhookInfo info;
        try
        {
            info = await services.GetRequiredService<TelegramBotApi>().GetWebhookInfoAsync(services.GetRequiredService<BotTokens>().Reveal(bot), cancellationToken);
        }
        catch (Exception ex) when (ex is TelegramApiException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Checking bot {BotId}'s webhook failed: {Reason}", botId, ex is TelegramApiException t ? t.Description : ex.GetType().Name);
            return;
        }

        var statuses = services.GetRequiredService<BotStatusChanges>();
        var failingSince = bot.CheckedAt ?? bot.UpdatedAt;
        // Telegram dates errors in whole seconds.
        if (info.LastErrorDate is { } failed && failed.ToUnixTimeSeconds() >= failingSince.ToUnixTimeSeconds() && info.LastErrorMessage is { } error)
        {
            statuses.Set(bot, BotStatuses.Error, error);
        }
        else if (bot.Status == BotStatuses.Error)
        {
            statuses.Set(bot, BotStatuses.Active);
        }

        if (db.ChangeTracker.HasChanges())
        {
            await services.GetRequiredService<Outbox>().SaveChangesAsync(db, cancellationToken);
        }

        // Readings and exact counts without touching the bot's version (see BotCounting).
        await db.RecountAsync(bot.Id, Clock.GetUtcNow(), info.PendingUpdateCount, cancellationToken);
    }
}

/// <summary>
/// Long polling for bots in <c>polling</c> mode (development without a public address): <c>getUpdates</c> after the
/// bot's offset, every update through the same store and processor as the webhook's, then the offset moves on.
/// </summary>
internal sealed class BotPoller(IServiceScopeFactory scopes, InboundWriter writer, TimeProvider clock, ILogger<BotPoller> logger) : PlatformJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromSeconds(2);

    protected override string Actor => "system:bot-poller";

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MessagingDbContext>();
        var bots = await db.Bots.IgnoreQueryFilters().AsNoTracking().Where(b => b.Mode == BotModes.Polling && b.Status == BotStatuses.Active).ToListAsync(cancellationToken);
        var stored = 0;
        foreach (var bot in bots)
        {
            IReadOnlyList<System.Text.Json.Nodes.JsonObject> updates;
            try
            {
                updates = await services.GetRequiredService<TelegramBotApi>().GetUpdatesAsync(services.GetRequiredService<BotTokens>().Reveal(bot), bot.PollOffset, 0, cancellationToken);
            }
            catch (Exception ex) when (ex is TelegramApiException or HttpRequestException or TaskCanceledException)
            {
                logger.LogWarning("Polling bot {BotId} failed: {Reason}", bot.Id, ex is TelegramApiException t ? t.Description : ex.GetType().Name);
                continue;
            }

            var offset = bot.PollOffset;
            foreach (var update in updates)
            {
                var id = update["update_id"]!.GetValue<long>();
                await writer.StoreAsync(new InboundUpdate { TenantId = bot.TenantId, BotId = bot.Id, UpdateId = id, Payload = update.ToJsonString() }, cancellationToken);
                offset = Math.Max(offset, id + 1);
                stored++;
            }

            // Stored first, then the offset: a crash in between asks for the same updates again, and duplicates are skipped.
            await db.Bots.IgnoreQueryFilters().Where(b => b.Id == bot.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.PollOffset, offset), cancellationToken);
        }

        return stored;
    }
}
