using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.Messaging.Inbound;
using Portico.Messaging.Telegram;

namespace Portico.Messaging.Bots;

/// <summary>
/// Turns a bot on or off. In webhook mode, on sets Telegram's webhook to this server with a new random
/// <c>secret_token</c> (only its hash is kept) and off deletes it; in polling mode the poller starts or stops.
/// A refusal from Telegram leaves the bot in <c>error</c> with Telegram's reason.
/// </summary>
internal static class SwitchBot
{
    [RequiresPermission(MessagingPermissions.ManageBots)]
    internal sealed class Handler(MessagingDbContext db, TelegramBotApi telegram, BotTokens tokens, BotStatusChanges statuses, BotDirectory directory, PublicLinks links, Outbox outbox)
    {
        public async Task<BotView> ActivateAsync(Guid id, CancellationToken cancellationToken)
        {
            var bot = await db.FindBotAsync(id, cancellationToken);
            var token = tokens.Reveal(bot);
            if (bot.Mode == BotModes.Webhook)
            {
                var secret = BotTokens.NewWebhookSecret();
                try
                {
                    await TelegramCalls.RunAsync(() => telegram.SetWebhookAsync(token, WebhookUrl(bot.Id), secret, cancellationToken));
                }
                catch (PorticoProblemException problem)
                {
                    statuses.Set(bot, BotStatuses.Error, problem.Message);
                    await outbox.SaveChangesAsync(db, CancellationToken.None);
                    throw;
                }

                bot.WebhookSecretHash = BotTokens.HashOf(secret);
            }
            else
            {
                // getUpdates refuses to work while a webhook is set.
                await TelegramCalls.RunAsync(() => telegram.DeleteWebhookAsync(token, cancellationToken));
                bot.WebhookSecretHash = null;
            }

            statuses.Set(bot, BotStatuses.Active);
            bot.LastError = null;
            await outbox.SaveChangesAsync(db, cancellationToken);
            directory.Forget(bot.Id);
            return BotView.From(bot);
        }

        public async Task<BotView> DeactivateAsync(Guid id, CancellationToken cancellationToken)
        {
            var bot = await db.FindBotAsync(id, cancellationToken);
            if (bot.Mode == BotModes.Webhook)
            {
                await TelegramCalls.RunAsync(() => telegram.DeleteWebhookAsync(tokens.Reveal(bot), cancellationToken));
            }

            bot.WebhookSecretHash = null;
            statuses.Set(bot, BotStatuses.Inactive);
            await outbox.SaveChangesAsync(db, cancellationToken);
            directory.Forget(bot.Id);
            return BotView.From(bot);
        }

        private string WebhookUrl(Guid botId) => links.To($"/api/v1/webhooks/telegram/{botId:D}");
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapPatch("/{tenant}/bots/{id:guid}/activate", async Task<Ok<BotView>> (Guid id, Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.ActivateAsync(id, ct)))
            .WithName("ActivateBot")
            .WithSummary("Turn a bot on: Telegram's webhook points here with a new secret token (or, in polling mode, the poller starts)");
        tenants.MapPatch("/{tenant}/bots/{id:guid}/deactivate", async Task<Ok<BotView>> (Guid id, Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.DeactivateAsync(id, ct)))
            .WithName("DeactivateBot")
            .WithSummary("Turn a bot off: its webhook is deleted at Telegram and updates are no longer accepted");
    }
}
