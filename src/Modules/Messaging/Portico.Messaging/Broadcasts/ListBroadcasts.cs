using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.Messaging.Conversations;

namespace Portico.Messaging.Broadcasts;

internal static class ListBroadcasts
{
    internal sealed record Query(string? Status, int? Limit, string? Cursor);

    private static readonly SortFields<Broadcast> Sorts = new SortFields<Broadcast>("-createdAt").Add("createdAt", b => b.CreatedAt);

    [RequiresPermission(MessagingPermissions.Read)]
    internal sealed class Handler(MessagingDbContext db)
    {
        /// <summary>A bot's broadcasts, newest first, in keyset pages.</summary>
        public async Task<Page<BroadcastView>> HandleAsync(Guid botId, Query query, CancellationToken cancellationToken)
        {
            if (query.Status is not null && !BroadcastStatuses.All.Contains(query.Status))
            {
                throw new BadRequestException($"status must be one of: {string.Join(", ", BroadcastStatuses.All)}.", "invalid-filter");
            }

            var bot = await db.FindBotAsync(botId, cancellationToken);
            var broadcasts = db.Broadcasts.AsNoTracking().Where(b => b.BotId == bot.Id);
            if (query.Status is { } status)
            {
                broadcasts = broadcasts.Where(b => b.Status == status);
            }

            return (await broadcasts.ToPageAsync(PageRequest.From(query.Limit, query.Cursor, null), Sorts, cancellationToken)).Map(BroadcastView.From);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/bots/{id:guid}/broadcasts", async Task<Ok<Page<BroadcastView>>> (Guid id, [AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, query, ct)))
        .WithName("ListBroadcasts")
        .WithSummary("A bot's broadcasts, newest first, with their progress (filter: status)");
}

internal static class GetBroadcast
{
    [RequiresPermission(MessagingPermissions.Read)]
    internal sealed class Handler(MessagingDbContext db)
    {
        public async Task<BroadcastView> HandleAsync(Guid id, CancellationToken cancellationToken) =>
            BroadcastView.From(await db.FindBroadcastAsync(id, cancellationToken));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/broadcasts/{id:guid}", async Task<Ok<BroadcastView>> (Guid id, Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ct)))
        .WithName("GetBroadcast")
        .WithSummary("A broadcast: its message, segment, status and counts (total, sent, failed, blocked, pending)");
}

internal static class ListBroadcastRecipients
{
    internal sealed record Query(string? Status, int? Limit, string? Cursor);

    private static readonly SortFields<ChatMessage> Sorts = new SortFields<ChatMessage>("createdAt").Add("createdAt", m => m.CreatedAt);

    [RequiresPermission(MessagingPermissions.Read)]
    internal sealed class Handler(MessagingDbContext db)
    {
        /// <summary>Who a broadcast reached or missed, and why (Telegram's reason for a failure), in keyset pages.</summary>
        public async Task<Page<BroadcastRecipientView>> HandleAsync(Guid id, Query query, CancellationToken cancellationToken)
        {
            if (query.Status is not null && !DeliveryStatuses.All.Contains(query.Status))
            {
                throw new BadRequestException($"status must be one of: {string.Join(", ", DeliveryStatuses.All)}.", "invalid-filter");
            }

            await db.FindBroadcastAsync(id, cancellationToken);
            var recipients = db.Messages.AsNoTracking().Where(m => m.BroadcastId == id);
            if (query.Status is { } status)
            {
                recipients = recipients.Where(m => m.DeliveryStatus == status);
            }

            var page = await recipients.ToPageAsync(PageRequest.From(query.Limit, query.Cursor, null), Sorts, cancellationToken);
            var conversationIds = page.Items.Select(m => m.ConversationId).ToList();
            var titles = await db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, cancellationToken);
            return page.Map(m => new BroadcastRecipientView(m.Id, m.ConversationId, titles.GetValueOrDefault(m.ConversationId, ""), m.DeliveryStatus ?? "", m.Error, m.TelegramMessageId, m.At));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/broadcasts/{id:guid}/recipients", async Task<Ok<Page<BroadcastRecipientView>>> (Guid id, [AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, query, ct)))
        .WithName("ListBroadcastRecipients")
        .WithSummary("A broadcast's recipients and what became of each (filter: status = queued, sent, failed, cancelled)");
}
