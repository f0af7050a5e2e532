using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portico.Data;
using Portico.Data.Events;
using Portico.Kernel.Events;
using Portico.Messaging.Bots;
using Portico.Messaging.Contracts;
using Portico.Messaging.Conversations;
using Portico.Messaging.Telegram;

namespace Portico.Messaging.Broadcasts;

/// <summary>Queue message: run (a slice of) a broadcast. Public because the message bus generates code that names it.</summary>
public sealed record RunBroadcast(Guid TenantId, string TenantSlug, Guid BroadcastId, Guid RunToken);

/// <summary>
/// Runs broadcasts from the durable queue. A queue message is one slice of about <see cref="BroadcastRun.SliceLength"/>:
/// the queue keeps the slice until it returns, so a crash resumes from the recipients still queued, and a slice ends by
/// queueing the next one (a broadcast to 100 000 users at 30 a second runs for an hour; no single handler does).
/// </summary>
public sealed class BroadcastJob(IServiceScopeFactory scopes) : IQueueHandler
{
    public const string Actor = "system:broadcast";

    public Task HandleAsync(RunBroadcast message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return scopes.RunAsync(message.TenantId, message.TenantSlug, Actor,
            services => services.GetRequiredService<BroadcastRun>().RunSliceAsync(message, cancellationToken));
    }
}

/// <summary>
/// One slice of a broadcast: on its first run, turns the segment into queued outgoing messages (one per recipient's
/// conversation, in one transaction); then sends them in batches at the bot's pace (<see cref="BroadcastPacer"/>),
/// saving each batch's outcomes, counters and <c>broadcast.progress</c> together, until none is left, a member pauses
/// or cancels it, or the slice's time is up. A recipient who blocked the bot (403) is marked and counted as blocked.
/// </summary>
internal sealed class BroadcastRun(
    MessagingDbContext db, TelegramBotApi telegram, BotTokens tokens, BroadcastPacer pacer, Outbox outbox,
    IOptions<MessagingOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan SliceLength = TimeSpan.FromSeconds(20);

    /// <summary>How long a broadcast waits for an older one of the same bot to finish before it looks again.</summary>
    public static readonly TimeSpan TurnWait = TimeSpan.FromSeconds(10);

    /// <summary>Longer than any batch can take (30 sends, each up to <see cref="MessagingOptions.SendAttempts"/> tries waiting Telegram's longest retry_after).</summary>
    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(30);

    private const int BatchSize = 30;
    private const int Senders = 8;
    private const int MaterializeChunk = 5000;

    public async Task RunSliceAsync(RunBroadcast message, CancellationToken cancellationToken)
    {
        var broadcast = await db.Broadcasts.FirstOrDefaultAsync(b => b.Id == message.BroadcastId, cancellationToken);
        if (broadcast is null || broadcast.RunToken != message.RunToken || broadcast.Status is not (BroadcastStatuses.Scheduled or BroadcastStatuses.Running))
        {
            return;
        }

        var bot = await db.Bots.AsNoTracking().FirstOrDefaultAsync(b => b.Id == broadcast.BotId, cancellationToken);
        if (bot is null)
        {
            await BroadcastChanges.CancelAsync(db, outbox, broadcast, clock.GetUtcNow(), cancellationToken);
            return;
        }

        // One broadcast of a bot at a time, oldest first: the bot's pace is shared, and no chat gets two at once.
        if (await db.Broadcasts.AnyAsync(b => b.BotId == broadcast.BotId && b.Id != broadcast.Id && b.Status == BroadcastStatuses.Running && b.CreatedAt < broadcast.CreatedAt, cancellationToken))
        {
            outbox.Schedule(message, clock.GetUtcNow() + TurnWait);
            await outbox.SaveChangesAsync(db, cancellationToken);
            return;
        }

        if (broadcast.Status == BroadcastStatuses.Scheduled)
        {
            await StartAsync(broadcast, bot, cancellationToken);
            if (broadcast.Status != BroadcastStatuses.Running)
            {
                return;
            }
        }

        var token = tokens.Reveal(bot);
        var markup = broadcast.ReplyMarkup is null ? null : JsonNode.Parse(broadcast.ReplyMarkup);
        var deadline = clock.GetUtcNow() + SliceLength;
        while (clock.GetUtcNow() < deadline)
        {
            // A member may have paused or cancelled it since the last batch.
            var current = await db.Broadcasts.AsNoTracking().Where(b => b.Id == broadcast.Id).Select(b => new { b.Status, b.RunToken }).FirstAsync(cancellationToken);
            if (current.Status != BroadcastStatuses.Running || current.RunToken != message.RunToken)
            {
                return;
            }

            if (!await SendBatchAsync(broadcast, token, markup, cancellationToken))
            {
                await ReclaimAbandonedAsync(broadcast.Id, cancellationToken);
                if (await db.Messages.AnyAsync(m => m.BroadcastId == broadcast.Id && (m.DeliveryStatus == DeliveryStatuses.Queued || m.DeliveryStatus == DeliveryStatuses.Sending), cancellationToken))
                {
                    // An earlier run (paused, then resumed) is still sending its last batch: look again shortly.
                    outbox.Schedule(message, clock.GetUtcNow() + TurnWait);
                    await outbox.SaveChangesAsync(db, cancellationToken);
                    return;
                }

                broadcast.Status = BroadcastStatuses.Completed;
                broadcast.FinishedAt = clock.GetUtcNow();
                await SaveWithProgressAsync(broadcast, cancellationToken);
                return;
            }
        }

        outbox.Send(message);
        await outbox.SaveChangesAsync(db, cancellationToken);
    }

    /// <summary>
    /// A batch claimed by a run that died (a crash between claiming and saving) goes back to the queue once no live run
    /// could still be sending it. Telegram keeps no record of what we sent, so those recipients may get the message twice:
    /// at most one batch per crash.
    /// </summary>
    private Task ReclaimAbandonedAsync(Guid broadcastId, CancellationToken cancellationToken)
    {
        var abandonedBefore = clock.GetUtcNow() - ClaimLifetime;
        return db.Messages.Where(m => m.BroadcastId == broadcastId && m.DeliveryStatus == DeliveryStatuses.Sending && m.At < abandonedBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveryStatus, DeliveryStatuses.Queued).SetProperty(m => m.ClaimToken, (Guid?)null), cancellationToken);
    }

    /// <summary>The segment as it is now becomes the recipients: a queued message in each one's conversation.</summary>
    private async Task StartAsync(Broadcast broadcast, Bot bot, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var users = BroadcastSegment.Parse(broadcast.Segment).Apply(db.ChatUsers.AsNoTracking(), db, bot.Id, now);
        // A user's private chat with the bot has the user's id as its chat id; groups are not broadcast to.
        var recipients = db.Conversations.AsNoTracking().Where(c => c.BotId == bot.Id && users.Any(u => u.Id == c.ChatUserId && u.TelegramUserId == c.ChatId));
        var photo = broadcast.Photo is { Length: <= 200 } id ? id : null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var total = 0;
        Guid? after = null;
        while (true)
        {
            var chunk = await (after is { } last ? recipients.Where(c => c.Id.CompareTo(last) > 0) : recipients)
                .OrderBy(c => c.Id).Select(c => c.Id).Take(MaterializeChunk).ToListAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                break;
            }

            await db.InsertAsync(chunk.Select(conversationId => new ChatMessage
            {
                ConversationId = conversationId, BotId = bot.Id, BroadcastId = broadcast.Id, Direction = MessageDirections.Out,
                Kind = broadcast.Photo is null ? MessageKinds.Text : MessageKinds.Photo, Text = broadcast.Text, FileId = photo,
                Sender = BroadcastJob.Actor, DeliveryStatus = DeliveryStatuses.Queued, At = now,
            }).ToList(), cancellationToken);
            total += chunk.Count;
            after = chunk[^1];
        }

        broadcast.Total = total;
        broadcast.StartedAt = now;
        broadcast.Status = total == 0 ? BroadcastStatuses.Completed : BroadcastStatuses.Running;
        broadcast.FinishedAt = total == 0 ? now : null;
        outbox.Publish(Progress(broadcast));
        await outbox.SaveChangesAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Claims the next batch of queued recipients (one UPDATE: a run resumed while an older one is still sending never
    /// picks the same recipients), sends it and saves what became of each; false when nothing was left to claim.
    /// </summary>
    private async Task<bool> SendBatchAsync(Broadcast broadcast, string token, JsonNode? markup, CancellationToken cancellationToken)
    {
        var claim = Guid.NewGuid();
        var claimedAt = clock.GetUtcNow();
        var claimed = await db.Messages.Where(m => m.BroadcastId == broadcast.Id && m.DeliveryStatus == DeliveryStatuses.Queued)
            .OrderBy(m => m.Id).Take(BatchSize)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveryStatus, DeliveryStatuses.Sending).SetProperty(m => m.ClaimToken, claim).SetProperty(m => m.At, claimedAt), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var batch = await db.Messages.Where(m => m.BroadcastId == broadcast.Id && m.DeliveryStatus == DeliveryStatuses.Sending && m.ClaimToken == claim)
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);

        var conversationIds = batch.Select(m => m.ConversationId).ToList();
        var chats = await db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => (c.ChatId, c.ChatUserId), cancellationToken);
        var outcomes = new Outcome[batch.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, batch.Count), new ParallelOptions { MaxDegreeOfParallelism = Senders, CancellationToken = cancellationToken },
            async (i, ct) => outcomes[i] = await SendOneAsync(broadcast, token, chats[batch[i].ConversationId].ChatId, markup, ct));

        var now = clock.GetUtcNow();
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].At = now;
            batch[i].TelegramMessageId = outcomes[i].MessageId;
            batch[i].DeliveryStatus = outcomes[i].MessageId is null ? DeliveryStatuses.Failed : DeliveryStatuses.Sent;
            batch[i].Error = outcomes[i].Error;
            batch[i].ClaimToken = null;
        }

        var reached = batch.Where((_, i) => outcomes[i].MessageId is not null).Select(m => m.ConversationId).ToList();
        var blockedUsers = batch.Where((_, i) => outcomes[i].Blocked).Select(m => chats[m.ConversationId].ChatUserId).ToList();
        var sent = reached.Count;
        var blocked = blockedUsers.Count;
        var failed = batch.Count - sent - blocked;
        // Sent is sent: this save must not fail on a conversation or user the processor just changed (a retry would
        // send the batch again), so those change by SQL, not through tracked rows.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.NoteOutgoingAsync(reached, now, broadcast.Text, answered: false, cancellationToken);
        if (blockedUsers.Count > 0)
        {
            await db.ChatUsers.Where(u => blockedUsers.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.Blocked, true), cancellationToken);
        }

        await db.Broadcasts.Where(b => b.Id == broadcast.Id).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Sent, b => b.Sent + sent)
            .SetProperty(b => b.Failed, b => b.Failed + failed)
            .SetProperty(b => b.Blocked, b => b.Blocked + blocked), cancellationToken);
        await db.Bots.Where(b => b.Id == broadcast.BotId).ExecuteUpdateAsync(s => s.SetProperty(b => b.MessagesCount, b => b.MessagesCount + batch.Count), cancellationToken);
        await SaveWithProgressAsync(broadcast, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<Outcome> SendOneAsync(Broadcast broadcast, string token, long chatId, JsonNode? markup, CancellationToken cancellationToken)
    {
        try
        {
            var id = await TelegramRetries.SendAsync(
                async () =>
                {
                    await pacer.WaitTurnAsync(broadcast.BotId, cancellationToken);
                    return broadcast.Photo is { } photo
                        ? await telegram.SendPhotoAsync(token, chatId, photo, broadcast.Text, markup, cancellationToken)
                        : await telegram.SendMessageAsync(token, chatId, broadcast.Text, markup, cancellationToken);
                },
                wait => pacer.HoldAsync(broadcast.BotId, wait, cancellationToken), options.Value.BroadcastMaxRetryAfter, options.Value, clock, cancellationToken);
            return new Outcome(id, null, false);
        }
        catch (TelegramApiException refused)
        {
            return new Outcome(null, Cut(refused.Description), refused.IsBlockedByUser);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new Outcome(null, Cut("Telegram could not be reached: " + ex.Message), false);
        }
    }

    /// <summary>Saves the tracked changes with <c>broadcast.progress</c> carrying the counters as the database has them now.</summary>
    private async Task SaveWithProgressAsync(Broadcast broadcast, CancellationToken cancellationToken)
    {
        var counts = await db.Broadcasts.AsNoTracking().Where(b => b.Id == broadcast.Id)
            .Select(b => new { b.Sent, b.Failed, b.Blocked }).FirstAsync(cancellationToken);
        outbox.Publish(new BroadcastProgress(broadcast.Id, broadcast.BotId, broadcast.Status, broadcast.Total, counts.Sent, counts.Failed, counts.Blocked));
        await outbox.SaveChangesAsync(db, cancellationToken);
    }

    private static BroadcastProgress Progress(Broadcast b) => new(b.Id, b.BotId, b.Status, b.Total, b.Sent, b.Failed, b.Blocked);

    private static string Cut(string text) => text.Length <= 500 ? text : text[..500];

    private sealed record Outcome(long? MessageId, string? Error, bool Blocked);
}
