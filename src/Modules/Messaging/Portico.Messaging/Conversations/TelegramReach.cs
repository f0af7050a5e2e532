using Portico.Kernel.Tenancy;
using Portico.Messaging.Bots;
using Portico.Messaging.Contracts;

namespace Portico.Messaging.Conversations;

/// <summary>
/// The Messaging side of <see cref="ITelegramReach"/>: the user's private chat with an active bot, found by the phone
/// they shared (stored as <c>+</c> and digits, as the update processor keeps it), sent through <see cref="BotSender"/>
/// like a member's reply (Telegram's 429 waits honoured, the token revealed only for the call) and stored in the
/// conversation under the caller's actor.
/// </summary>
internal sealed class TelegramReach(MessagingDbContext db, BotSender sender, RequestContext context) : ITelegramReach
{
    /// <summary>Chats tried at most: a user may have several bots of the tenant, and blocked one of them.</summary>
    private const int MaxChats = 3;

    public async Task<bool> SendToPhoneAsync(string phoneE164, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phoneE164);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var digits = new string(phoneE164.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length is < 7 or > 15)
        {
            return false;
        }

        var phone = "+" + digits;
        // The private chat only (its id is the user's): a shared phone never sends a reminder into a group.
        var chats = await (
                from user in db.ChatUsers
                join bot in db.Bots on user.BotId equals bot.Id
                join conversation in db.Conversations
                    on new { BotId = user.BotId, UserId = user.Id, ChatId = user.TelegramUserId } equals new { BotId = conversation.BotId, UserId = conversation.ChatUserId, ChatId = conversation.ChatId }
                where user.Phone == phone && !user.Blocked && bot.Status == BotStatuses.Active
                select new { conversation, user.LastSeenAt })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        foreach (var chat in chats.OrderByDescending(c => c.LastSeenAt).Take(MaxChats))
        {
            var message = await sender.SendAsync(chat.conversation, text, null, context.Actor, answersTheUser: false, cancellationToken);
            if (message.DeliveryStatus == DeliveryStatuses.Sent)
            {
                return true;
            }
        }

        return false;
    }
}
