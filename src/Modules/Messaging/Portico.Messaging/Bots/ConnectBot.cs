using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.Messaging.Telegram;

namespace Portico.Messaging.Bots;

/// <summary>Connects a Telegram bot by its token: Telegram's <c>getMe</c> proves the token and names the bot.</summary>
internal static class ConnectBot
{
    internal sealed record Request(string? Token, string? Name, string? Description, string? WelcomeMessage, string? Mode);

    [RequiresPermission(MessagingPermissions.ManageBots)]
    internal sealed class Handler(MessagingDbContext db, TelegramBotApi telegram, BotTokens tokens, Outbox outbox)
    {
        public async Task<BotView> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            var token = request.Token?.Trim();
            new Rules().Check(BotTokens.LooksLikeToken(token), "token", "must be a bot token as @BotFather gives it (123456789:AA…).")
                .Length(request.Name, "name", 0, 100)
                .Length(request.Description, "description", 0, 1000)
                .Length(request.WelcomeMessage, "welcomeMessage", 0, 4096)
                .Check(request.Mode is null or BotModes.Webhook or BotModes.Polling, "mode", "must be webhook or polling.")
                .ThrowIfInvalid();

            var me = await TelegramCalls.RunAsync(() => telegram.GetMeAsync(token!, cancellationToken), "token");
            if (await db.Bots.AnyAsync(b => b.TelegramId == me.Id, cancellationToken))
            {
                throw new ConflictException($"The bot @{me.Username} is already connected.", "bot-exists");
            }

            var bot = new Bot
            {
                Name = string.IsNullOrWhiteSpace(request.Name) ? me.FirstName : request.Name.Trim(),
                TelegramId = me.Id,
                Username = me.Username,
                Token = tokens.Protect(token!),
                TokenHint = BotTokens.Hint(token!),
                Description = request.Description?.Trim(),
                WelcomeMessage = string.IsNullOrWhiteSpace(request.WelcomeMessage) ? null : request.WelcomeMessage,
                Mode = request.Mode ?? BotModes.Webhook,
            };
            db.Bots.Add(bot);
            await outbox.SaveChangesAsync(db, cancellationToken);
            return BotView.From(bot);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/bots", async Task<Created<BotView>> (Request request, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var bot = await handler.HandleAsync(request, ct);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/bots/{bot.Id}", bot);
        })
        .WithName("ConnectBot")
        .WithRequestExample(new { token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", name = "Studio bot", welcomeMessage = "Hello! How can we help?", mode = "webhook" })
        .WithSummary("Connect a Telegram bot by its token (checked with getMe; stored encrypted, shown only as its last four characters)");
}
