using Portico.Data.Events;
using Portico.Kernel.Tenancy;

namespace Portico.Messaging.Bots;

/// <summary>Changes a bot's name, texts, auto-replies and lead capture rules; fields left out stay as they are.</summary>
internal static class UpdateBot
{
    internal sealed record Request(string? Name, string? Description, string? WelcomeMessage, AutoReply[]? AutoReplies, LeadCaptureSettings? LeadCapture);

    [RequiresPermission(MessagingPermissions.ManageBots)]
    internal sealed class Handler(MessagingDbContext db, Outbox outbox)
    {
        public async Task<BotView> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
        {
            var bot = await db.FindBotAsync(id, cancellationToken);
            new Rules().Check(request.Name is null || request.Name.Trim().Length is > 0 and <= 100, "name", "must be 1 to 100 characters.")
                .Length(request.Description, "description", 0, 1000)
                .Length(request.WelcomeMessage, "welcomeMessage", 0, 4096)
                .Check(request.AutoReplies)
                .Check(request.LeadCapture)
                .ThrowIfInvalid();
            if (request.Name is not null)
            {
                bot.Name = request.Name.Trim();
            }

            if (request.Description is not null)
            {
                bot.Description = request.Description.Trim() is { Length: > 0 } description ? description : null;
            }

            if (request.WelcomeMessage is not null)
            {
                bot.WelcomeMessage = string.IsNullOrWhiteSpace(request.WelcomeMessage) ? null : request.WelcomeMessage;
            }

            if (request.AutoReplies is not null)
            {
                bot.AutoReplies = BotSettings.Store(request.AutoReplies);
            }

            if (request.LeadCapture is not null)
            {
                bot.LeadCapture = BotSettings.Store(request.LeadCapture);
            }

            await outbox.SaveChangesAsync(db, cancellationToken);
            return BotView.From(bot);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/bots/{id:guid}", async Task<Ok<BotView>> (Guid id, Request request, Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, request, ct)))
        .WithName("UpdateBot")
        .WithRequestExample(new
        {
            welcomeMessage = "Здравствуйте! Чем можем помочь?",
            autoReplies = new[] { new { keyword = "price", answer = "Our prices: https://example.com/prices" } },
            leadCapture = new { onStart = true, onContactShared = true, keywords = new List<string> { "book" }, questions = new List<string> { "What is your name?", "Which service?" } },
        })
        .WithSummary("Change a bot's name, description, welcome message, auto-replies and lead capture rules");
}
