using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.Messaging.Contracts;

namespace Portico.Messaging.Broadcasts;

/// <summary>
/// An owner sends a bot's users a message (text, or a photo with a caption, with optional buttons), to everyone or to a
/// segment, now or at a set time. It runs as a durable job (<see cref="BroadcastJob"/>); the segment is evaluated when it starts.
/// </summary>
internal static partial class CreateBroadcast
{
    internal sealed record Request(string? Text, string? Photo, JsonObject? ReplyMarkup, BroadcastSegment? Segment, DateTimeOffset? ScheduledAt);

    private static readonly TimeSpan Horizon = TimeSpan.FromDays(366);

    [RequiresPermission(MessagingPermissions.ManageBots)]
    internal sealed class Handler(MessagingDbContext db, Outbox outbox, RequestContext context, TimeProvider clock)
    {
        public async Task<BroadcastView> HandleAsync(Guid botId, Request request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var segment = request.Segment ?? BroadcastSegment.Everyone;
            var maxText = request.Photo is null ? 4096 : 1024;
            segment.Check(new Rules()
                    .Check(!string.IsNullOrWhiteSpace(request.Text) && request.Text.Length <= maxText, "text", $"must be 1 to {maxText} characters ({(request.Photo is null ? "a message" : "a photo's caption")}).")
                    .Check(request.Photo is null || IsPhoto(request.Photo), "photo", "must be an https URL of at most 1000 characters or a Telegram file id.")
                    .Check(request.ReplyMarkup is null || request.ReplyMarkup.ToJsonString().Length <= 10000, "replyMarkup", "must be at most 10 000 characters of JSON.")
                    .Check(request.ScheduledAt is null || request.ScheduledAt <= now + Horizon, "scheduledAt", "must be within a year."))
                .ThrowIfInvalid();
            var bot = await db.FindBotAsync(botId, cancellationToken);
            var broadcast = new Broadcast
            {
                BotId = bot.Id, Text = request.Text!, Photo = request.Photo, ReplyMarkup = request.ReplyMarkup?.ToJsonString(), Segment = segment.ToJson(),
                ScheduledAt = request.ScheduledAt is { } at && at > now ? at : now, RunToken = Guid.NewGuid(), CreatedBy = context.Actor,
            };
            db.Broadcasts.Add(broadcast);
            BroadcastChanges.Queue(outbox, context, broadcast, now);
            outbox.Publish(new BroadcastProgress(broadcast.Id, broadcast.BotId, broadcast.Status, 0, 0, 0, 0));
            await outbox.SaveChangesAsync(db, cancellationToken);
            return BroadcastView.From(broadcast);
        }

        private static bool IsPhoto(string photo) =>
            photo.Length <= 1000 && (Uri.TryCreate(photo, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps || FileId().IsMatch(photo));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{10,200}$")]
    private static partial Regex FileId();

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/bots/{id:guid}/broadcasts", async Task<Created<BroadcastView>> (Guid id, Request request, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var broadcast = await handler.HandleAsync(id, request, ct);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/broadcasts/{broadcast.Id}", broadcast);
        })
        .WithName("CreateBroadcast")
        .WithRequestExample(new
        {
            text = "Скидка 20% на все услуги до воскресенья!",
            replyMarkup = new { inline_keyboard = new[] { new[] { new { text = "Записаться", url = "https://example.com/book" } } } },
            segment = new { languages = (string[])["ru"], activeWithinDays = 90 },
            scheduledAt = "2026-12-05T09:00:00Z",
        })
        .WithSummary("Broadcast a message (text or photo, optional buttons) to a bot's users or a segment, now or at scheduledAt; runs as a durable job at Telegram's pace");
}

/// <summary>How many users a segment reaches now: what the console shows before an owner sends.</summary>
internal static class CountBroadcastAudience
{
    internal sealed record Request(BroadcastSegment? Segment);

    internal sealed record Audience(int Recipients);

    [RequiresPermission(MessagingPermissions.ManageBots)]
    internal sealed class Handler(MessagingDbContext db, TimeProvider clock)
    {
        public async Task<Audience> HandleAsync(Guid botId, Request request, CancellationToken cancellationToken)
        {
            var segment = request.Segment ?? BroadcastSegment.Everyone;
            segment.Check(new Rules()).ThrowIfInvalid();
            var bot = await db.FindBotAsync(botId, cancellationToken);
            var users = segment.Apply(db.ChatUsers.AsNoTracking(), db, bot.Id, clock.GetUtcNow());
            return new Audience(await db.Conversations.CountAsync(c => c.BotId == bot.Id && users.Any(u => u.Id == c.ChatUserId && u.TelegramUserId == c.ChatId), cancellationToken));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/bots/{id:guid}/broadcasts/audience", async Task<Ok<Audience>> (Guid id, Request request, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, request, ct)))
        .WithName("CountBroadcastAudience")
        .WithRequestExample(new { segment = new { tags = (string[])["vip"], hasLead = true } })
        .WithSummary("How many of a bot's users a segment reaches now (users who blocked the bot are left out)");
}
