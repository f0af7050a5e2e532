using System.Text.Json;
using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.Messaging.Bots;
using Portico.Messaging.Contracts;
using Portico.Messaging.Conversations;

namespace Portico.Messaging.Inbound;

/// <summary>
/// Turns stored updates of one tenant into their effects, a batch in one transaction with the updates marked
/// processed: the Telegram users, the conversations (one per bot and chat; a closed one reopens), the messages, the
/// bot's answers decided by <see cref="BotResponder"/> (stored as queued messages for <see cref="BotReplies"/>, the lead
/// for <see cref="BotLeads"/>) and <c>message.received</c>. The users and conversations a batch touches are read in two
/// queries, and the batch commits once: the cost of an update is its rows, not a transaction of its own. The update
/// rows' versions guard against a second processor doing the same updates: one of them fails to save and changes nothing.
/// The bots' counters are incremented right after the commit (<see cref="BotCounting"/>).
/// </summary>
internal sealed class UpdateProcessor(MessagingDbContext db, Outbox outbox, RequestContext context, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task ProcessAsync(Guid inboundId, CancellationToken cancellationToken) => ProcessAsync([inboundId], cancellationToken);

    public async Task ProcessAsync(IReadOnlyCollection<Guid> inboundIds, CancellationToken cancellationToken)
    {
        var inbound = await db.InboundUpdates.Where(u => inboundIds.Contains(u.Id) && u.ProcessedAt == null).OrderBy(u => u.Id).ToListAsync(cancellationToken);
        if (inbound.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var updates = new List<(InboundUpdate Row, TelegramUpdate Update)>();
        foreach (var row in inbound)
        {
            row.ProcessedAt = now;
            row.Attempts++;
            try
            {
                var update = TelegramUpdate.Read(row.UpdateId, row.Payload);
                if (update.Skipped is not null || update.ChatId == 0)
                {
                    row.Note = $"skipped: {update.Skipped ?? "no chat"}";
                    continue;
                }

                updates.Add((row, update));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                row.Note = "unreadable update";
            }
        }

        var botIds = updates.Select(u => u.Row.BotId).Distinct().ToList();
        // Read only: the bots' counters are incremented after the commit, so this save never collides with a bot's.
        var bots = await db.Bots.AsNoTracking().Where(b => botIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        var userIds = updates.Select(u => u.Update.From.Id).Distinct().ToList();
        var chatIds = updates.Select(u => u.Update.ChatId).Distinct().ToList();
        var users = (await db.ChatUsers.Where(u => botIds.Contains(u.BotId) && userIds.Contains(u.TelegramUserId)).ToListAsync(cancellationToken))
            .ToDictionary(u => (u.BotId, u.TelegramUserId));
        var conversations = (await db.Conversations.Where(c => botIds.Contains(c.BotId) && chatIds.Contains(c.ChatId)).ToListAsync(cancellationToken))
            .ToDictionary(c => (c.BotId, c.ChatId));
        var counts = new Dictionary<Guid, (int Users, int Messages)>();
        foreach (var (row, update) in updates)
        {
            if (!bots.TryGetValue(row.BotId, out var bot))
            {
                row.Note = "bot deleted";
                continue;
            }

            var newUser = Apply(bot, update, users, conversations, now);
            var (u, m) = counts.GetValueOrDefault(bot.Id);
            counts[bot.Id] = (u + (newUser ? 1 : 0), m + 1);
        }

        await outbox.SaveChangesAsync(db, cancellationToken);
        foreach (var (botId, (newUsers, messages)) in counts)
        {
            await db.AddToCountersAsync(botId, newUsers, messages, 0, cancellationToken);
        }
    }

    /// <summary>One update's effects on the batch's tracked rows; true when its sender is new to the bot.</summary>
    private bool Apply(
        Bot bot, TelegramUpdate update, Dictionary<(Guid, long), ChatUser> users, Dictionary<(Guid, long), Conversation> conversations, DateTimeOffset now)
    {
        var newUser = false;
        if (!users.TryGetValue((bot.Id, update.From.Id), out var user))
        {
            user = new ChatUser { BotId = bot.Id, TelegramUserId = update.From.Id };
            db.ChatUsers.Add(user);
            users[(bot.Id, update.From.Id)] = user;
            newUser = true;
        }

        user.Username = update.From.Username ?? user.Username;
        user.FirstName = update.From.FirstName ?? user.FirstName;
        user.LastName = update.From.LastName ?? user.LastName;
        user.LanguageCode = update.From.LanguageCode ?? user.LanguageCode;
        user.LastSeenAt = now;
        user.Blocked = false;
        if (update.Kind == MessageKinds.Contact && update.Data is { Length: > 0 and <= 32 } phone)
        {
            user.Phone = phone.StartsWith('+') ? phone : "+" + phone;
        }

        var first = !conversations.TryGetValue((bot.Id, update.ChatId), out var conversation);
        if (conversation is null)
        {
            conversation = new Conversation { BotId = bot.Id, ChatId = update.ChatId, ChatUserId = user.Id, Title = user.DisplayName };
            db.Conversations.Add(conversation);
            conversations[(bot.Id, update.ChatId)] = conversation;
        }

        var message = new ChatMessage
        {
            ConversationId = conversation.Id,
            BotId = bot.Id,
            Direction = MessageDirections.In,
            Kind = update.Kind,
            Text = Cut(update.Text, 8192),
            FileId = Cut(update.FileId, 200),
            Data = Cut(update.Data, 500),
            TelegramMessageId = update.MessageId,
            UpdateId = update.UpdateId,
            Sender = user.DisplayName,
            At = now,
        };
        db.Messages.Add(message);
        conversation.Status = ConversationStatuses.Open;
        conversation.UnreadCount++;
        conversation.LastMessageAt = now;
        conversation.LastMessagePreview = Cut(update.Text ?? $"[{update.Kind}]", 200);
        conversation.AwaitingReplySince ??= now;

        var answers = JsonSerializer.Deserialize<Dictionary<string, string>>(conversation.Answers, Json) ?? [];
        var response = BotResponder.Decide(bot.WelcomeMessage, BotSettings.AutoRepliesOf(bot), BotSettings.LeadCaptureOf(bot), update, first, conversation.QuestionAsked, answers);
        conversation.QuestionAsked = response.NextQuestion;
        if (response.Answers.Count > 0 || conversation.Answers != "{}")
        {
            conversation.Answers = JsonSerializer.Serialize(response.Answers, Json);
        }

        outbox.Publish(new MessageReceived(bot.Id, conversation.Id, message.Id, message.Direction, message.Kind, Cut(message.Text, 500), user.DisplayName, conversation.AssigneeId));
        var slug = context.TenantSlug ?? "";
        if (response.Replies.Count > 0)
        {
            // Stored as queued outgoing messages in this transaction (the inbox shows them at once); the queue sends them.
            var replies = response.Replies.Select((text, i) => new ChatMessage
            {
                ConversationId = conversation.Id, BotId = bot.Id, Direction = MessageDirections.Out, Kind = MessageKinds.Text, Text = Cut(text, 8192),
                Sender = BotReplies.Actor, DeliveryStatus = DeliveryStatuses.Queued, At = now.AddTicks(i + 1),
            }).ToList();
            db.Messages.AddRange(replies);
            outbox.Send(new SendBotReplies(context.RequiredTenantId, slug, conversation.Id, [.. replies.Select(r => r.Id)]));
        }

        if (response.CaptureLead)
        {
            outbox.Send(new CaptureBotLead(context.RequiredTenantId, slug, conversation.Id));
        }

        return newUser;
    }

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
