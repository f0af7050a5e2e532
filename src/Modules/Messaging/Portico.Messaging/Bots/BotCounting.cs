namespace Portico.Messaging.Bots;

/// <summary>
/// A bot's counters and observations (users, messages, leads; the health check's and the poller's readings) are
/// written as atomic SQL increments and updates, never through the tracked bot: they change with every message, and
/// a tracked write would bump the bot's version and collide with everyone else's (a 412 for a member saving the bot's
/// settings, a failed save for the processor). They run right after the change they count is committed; a crash in
/// between leaves a counter one short until the health check recounts it.
/// </summary>
internal static class BotCounting
{
    public static Task AddToCountersAsync(this MessagingDbContext db, Guid botId, int users, int messages, int leads, CancellationToken cancellationToken) =>
        users == 0 && messages == 0 && leads == 0
            ? Task.CompletedTask
            : db.Bots.Where(b => b.Id == botId).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.UsersCount, b => b.UsersCount + users)
                .SetProperty(b => b.MessagesCount, b => b.MessagesCount + messages)
                .SetProperty(b => b.LeadsCount, b => b.LeadsCount + leads), cancellationToken);

    /// <summary>Exact counts from the data: what the health check writes back, mending any increment a crash lost.</summary>
    public static async Task RecountAsync(this MessagingDbContext db, Guid botId, DateTimeOffset checkedAt, int pendingUpdates, CancellationToken cancellationToken)
    {
        var users = await db.ChatUsers.CountAsync(u => u.BotId == botId, cancellationToken);
        var leads = await db.Conversations.CountAsync(c => c.BotId == botId && c.LeadId != null, cancellationToken);
        var messages = await db.Messages.CountAsync(m => m.BotId == botId && (m.DeliveryStatus == null || m.DeliveryStatus == Conversations.DeliveryStatuses.Sent || m.DeliveryStatus == Conversations.DeliveryStatuses.Failed), cancellationToken);
        await db.Bots.Where(b => b.Id == botId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.UsersCount, users)
            .SetProperty(b => b.MessagesCount, messages)
            .SetProperty(b => b.LeadsCount, leads)
            .SetProperty(b => b.CheckedAt, checkedAt)
            .SetProperty(b => b.PendingUpdates, pendingUpdates), cancellationToken);
    }
}
