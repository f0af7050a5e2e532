using System.Net.Http;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Portico.Data.Events;
using Portico.Messaging.Bots;
using Portico.Messaging.Contracts;
using Portico.Messaging.Telegram;

namespace Portico.Messaging.Conversations;

/// <summary>
/// An outgoing message's state: queued (a bot answer or broadcast waiting for its queue), sending (claimed by a
/// broadcast batch), sent, failed with Telegram's reason, or cancelled (a broadcast stopped before reaching this user;
/// not shown in the conversation).
/// </summary>
internal static class DeliveryStatuses
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly string[] All = [Queued, Sending, Sent, Failed, Cancelled];
}

/// <summary>
/// Sends a text into a conversation through the Bot API and stores it as an outgoing message with Telegram's
/// message id: waits Telegram's <c>retry_after</c> on a 429 (up to <see cref="MessagingOptions.MaxRetryAfter"/>) and
/// backs off on 5xx and network failures, <see cref="MessagingOptions.SendAttempts"/> tries in all. A 403 means the
/// user blocked the bot: they are marked, and the message is stored as failed.
/// </summary>
internal sealed class BotSender(MessagingDbContext db, TelegramBotApi telegram, BotTokens tokens, Outbox outbox, IOptions<MessagingOptions> options, TimeProvider clock)
{
    /// <summary>A new outgoing message: stored with the outcome of sending it.</summary>
    public async Task<ChatMessage> SendAsync(Conversation conversation, string text, JsonNode? replyMarkup, string sender, bool answersTheUser, CancellationToken cancellationToken)
    {
        var message = new ChatMessage { ConversationId = conversation.Id, BotId = conversation.BotId, Direction = MessageDirections.Out, Kind = MessageKinds.Text, Text = text, Sender = sender };
        db.Messages.Add(message);
        await DeliverAsync(conversation, message, replyMarkup, answersTheUser, cancellationToken);
        return message;
    }

    /// <summary>Sends a stored (queued) or new outgoing message and saves its outcome, the conversation's last message and <c>message.received</c>.</summary>
    public async Task DeliverAsync(Conversation conversation, ChatMessage message, JsonNode? replyMarkup, bool answersTheUser, CancellationToken cancellationToken)
    {
        var bot = await db.Bots.AsNoTracking().FirstOrDefaultAsync(b => b.Id == conversation.BotId, cancellationToken) ?? throw new NotFoundException("Bot", conversation.BotId);
        var token = tokens.Reveal(bot);
        var text = message.Text ?? "";
        var blocked = false;
        try
        {
            message.TelegramMessageId = await TelegramRetries.SendAsync(
                () => telegram.SendMessageAsync(token, conversation.ChatId, text, replyMarkup, cancellationToken),
                wait => Task.Delay(wait, clock, cancellationToken), options.Value.MaxRetryAfter, options.Value, clock, cancellationToken);
            message.DeliveryStatus = DeliveryStatuses.Sent;
        }
        catch (TelegramApiException refused)
        {
            message.DeliveryStatus = DeliveryStatuses.Failed;
            message.Error = refused.Description;
            blocked = refused.IsBlockedByUser;
        }

        message.At = clock.GetUtcNow();
        var answered = answersTheUser && message.DeliveryStatus == DeliveryStatuses.Sent;
        if (answered)
        {
            message.ResponseSeconds = conversation.AwaitingReplySince is { } waiting ? Math.Max(0, (message.At - waiting).TotalSeconds) : null;
        }

        // The message went out: nothing may now fail its save, or the queue's retry would send it again. The
        // conversation and the user change by SQL, not through their tracked rows, whose versions the processor
        // bumps with every incoming message.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.NoteOutgoingAsync([conversation.Id], message.At, text, answered, cancellationToken);
        if (blocked)
        {
            await db.ChatUsers.Where(u => u.Id == conversation.ChatUserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Blocked, true), cancellationToken);
        }

        outbox.Publish(new MessageReceived(bot.Id, conversation.Id, message.Id, message.Direction, message.Kind, text.Length > 500 ? text[..500] : text, message.Sender, conversation.AssigneeId));
        await outbox.SaveChangesAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await db.AddToCountersAsync(bot.Id, 0, 1, 0, cancellationToken);
    }
}

internal static class OutgoingMessages
{
    /// <summary>Conversations' last message is now an outgoing one; <paramref name="answered"/>: it answered the user, who no longer waits.</summary>
    public static Task NoteOutgoingAsync(this MessagingDbContext db, IReadOnlyCollection<Guid> conversationIds, DateTimeOffset at, string text, bool answered, CancellationToken cancellationToken)
    {
        var preview = text.Length > 200 ? text[..200] : text;
        var conversations = db.Conversations.Where(c => conversationIds.Contains(c.Id));
        return answered
            ? conversations.ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessageAt, at).SetProperty(c => c.LastMessagePreview, preview).SetProperty(c => c.AwaitingReplySince, (DateTimeOffset?)null), cancellationToken)
            : conversations.ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessageAt, at).SetProperty(c => c.LastMessagePreview, preview), cancellationToken);
    }
}

/// <summary>
/// Telegram's retry rules for one outgoing message: a 429 waits its <c>retry_after</c> (up to
/// a given longest wait; how to wait is the caller's: a reply sleeps, a broadcast holds the
/// whole bot), 5xx and network failures back off, <see cref="MessagingOptions.SendAttempts"/> tries in all. Other
/// refusals (403 blocked, 400 bad request) are final and thrown.
/// </summary>
internal static class TelegramRetries
{
    public static async Task<long> SendAsync(
        Func<Task<long>> send, Func<TimeSpan, Task> waitOn429, TimeSpan maxRetryAfter, MessagingOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await send();
            }
            catch (TelegramApiException refused) when (refused.ErrorCode == 429 && attempt < options.SendAttempts
                && TimeSpan.FromSeconds(refused.RetryAfter ?? 1) <= maxRetryAfter)
            {
                await waitOn429(TimeSpan.FromSeconds(refused.RetryAfter ?? 1));
            }
            catch (Exception ex) when (attempt < options.SendAttempts
                && (ex is HttpRequestException or TaskCanceledException || ex is TelegramApiException { ErrorCode: >= 500 }) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), clock, cancellationToken);
            }
        }
    }
}
