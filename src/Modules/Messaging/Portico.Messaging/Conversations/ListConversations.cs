using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Messaging.Conversations;

internal static class ListConversations
{
    internal sealed record Query(Guid? BotId, string? Status, Guid? AssigneeId, bool? Unread, int? Limit, string? Cursor, string? Sort);

    private static readonly SortFields<Conversation> Sorts = new SortFields<Conversation>("-lastMessageAt")
        .Add("lastMessageAt", c => c.LastMessageAt);

    [RequiresPermission(MessagingPermissions.Read)]
    internal sealed class Handler(MessagingDbContext db)
    {
        /// <summary>The inbox, most recent first, in keyset pages; each with its Telegram user.</summary>
        public async Task<Page<ConversationView>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            if (query.Status is not null && !ConversationStatuses.All.Contains(query.Status))
            {
                throw new BadRequestException($"status must be one of: {string.Join(", ", ConversationStatuses.All)}.", "invalid-filter");
            }

            var conversations = db.Conversations.AsNoTracking();
            if (query.BotId is { } bot)
            {
                conversations = conversations.Where(c => c.BotId == bot);
            }

            if (query.Status is { } status)
            {
                conversations = conversations.Where(c => c.Status == status);
            }

            if (query.AssigneeId is { } assignee)
            {
                conversations = conversations.Where(c => c.AssigneeId == assignee);
            }

            if (query.Unread is { } unread)
            {
                conversations = unread ? conversations.Where(c => c.UnreadCount > 0) : conversations.Where(c => c.UnreadCount == 0);
            }

            var page = await conversations.ToPageAsync(PageRequest.From(query.Limit, query.Cursor, query.Sort), Sorts, cancellationToken);
            var userIds = page.Items.Select(c => c.ChatUserId).Distinct().ToList();
            var users = await db.ChatUsers.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
            return page.Map(c => ConversationView.From(c, users[c.ChatUserId]));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/conversations", async Task<Ok<Page<ConversationView>>> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(query, ct)))
        .WithName("ListConversations")
        .WithSummary("Bot conversations, most recent first (filters: botId, status = open or closed, assigneeId, unread)");
}

internal static class GetConversation
{
    [RequiresPermission(MessagingPermissions.Read)]
    internal sealed class Handler(MessagingDbContext db)
    {
        public async Task<ConversationView> HandleAsync(Guid id, CancellationToken cancellationToken) =>
            await db.ViewOfAsync(await db.FindConversationAsync(id, cancellationToken), cancellationToken);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/conversations/{id:guid}", async Task<Ok<ConversationView>> (Guid id, Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ct)))
        .WithName("GetConversation")
        .WithSummary("A conversation with its Telegram user");
}

internal static class ListMessages
{
    internal sealed record Query(int? Limit, string? Cursor);

    private static readonly SortFields<ChatMessage> Sorts = new SortFields<ChatMessage>("-createdAt").Add("createdAt", m => m.CreatedAt);

    [RequiresPermission(MessagingPermissions.Read)]
    internal sealed class Handler(MessagingDbContext db)
    {
        /// <summary>A conversation's history, newest first, in keyset pages (ids are time ordered).</summary>
        public async Task<Page<MessageView>> HandleAsync(Guid id, Query query, CancellationToken cancellationToken)
        {
            await db.FindConversationAsync(id, cancellationToken);
            var page = await db.Messages.AsNoTracking().Where(m => m.ConversationId == id && m.DeliveryStatus != DeliveryStatuses.Cancelled)
                .ToPageAsync(PageRequest.From(query.Limit, query.Cursor, null), Sorts, cancellationToken);
            return page.Map(MessageView.From);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/conversations/{id:guid}/messages", async Task<Ok<Page<MessageView>>> (Guid id, [AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, query, ct)))
        .WithName("ListConversationMessages")
        .WithSummary("A conversation's messages, newest first, in keyset pages");
}
