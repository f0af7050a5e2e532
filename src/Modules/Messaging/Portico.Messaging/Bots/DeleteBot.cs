using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.Messaging.Inbound;
using Portico.Messaging.Telegram;

namespace Portico.Messaging.Bots;

/// <summary>Removes a bot: its webhook first (so Telegram stops sending), then the bot; its conversations stay readable.</summary>
internal static class DeleteBot
{
    [RequiresPermission(MessagingPermissions.ManageBots)]
    internal sealed class Handler(MessagingDbContext db, TelegramBotApi telegram, BotTokens tokens, BotDirectory directory, Outbox outbox)
    {
        public async Task HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var bot = await db.FindBotAsync(id, cancellationToken);
            if (bot.WebhookSecretHash is not null)
            {
                await TelegramCalls.RunAsync(() => telegram.DeleteWebhookAsync(tokens.Reveal(bot), cancellationToken));
            }

            db.Bots.Remove(bot);
            await outbox.SaveChangesAsync(db, cancellationToken);
            directory.Forget(bot.Id);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete("/{tenant}/bots/{id:guid}", async Task<NoContent> (Guid id, Handler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, ct);
            return TypedResults.NoContent();
        })
        .WithName("DeleteBot")
        .WithSummary("Remove a bot: its Telegram webhook is deleted first");
}
