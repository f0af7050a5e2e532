using System.Text.Json;
using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.Messaging.Bots;
using Portico.Messaging.Contracts;
using Portico.Messaging.Conversations;

namespace Portico.Messaging.Inbound;

/// <summary>
/// Turns one stored update into its effects, in one transaction with the update marked processed: the Telegram user,
/// the conversation (one per bot and chat; a closed one reopens), the message, the bot's counters, the bot's answer
/// decided by <see cref="BotResponder"/> (its texts stored as queued messages for <see cref="BotReplies"/>, the lead for
/// <see cref="BotLeads"/>) and <c>message.received</c>. The update row's version guards against a second processor
/// doing the same update: one of them fails to save and changes nothing.
/// </summary>
internal sealed class UpdateProcessor(MessagingDbContext db, Outbox outbox, RequestContext context, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ProcessAsync(Guid inboundId, CancellationToken cancellationToken)
    {
        var inbound = await db.InboundUpdates.FirstOrDefaultAsync(u => u.Id == inboundId && u.ProcessedAt == null, cancellationToken);
        if (inbound is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        inbound.ProcessedAt = now;
        inbound.Attempts++;
        TelegramUpdate update;
        try
        {
            update = TelegramUpdate.Read(inbound.UpdateId, inbound.Payload);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            inbound.Note = "unreadable update";
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        // Read only: the bot's counters are incremented after the commit (BotCounting), so this save never collides with the bot's.
        var bot = await db.Bots.AsNoTracking().FirstOrDefaultAsync(b => b.Id == inbound.BotId, cancellationToken);
        if (update.Skipped is not null || bot is null || update.ChatId == 0)
        {
            inbound.Note = bot is null ? "bot deleted" : $"skipped: {update.Skipped ?? "no chat"}";
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var user = await db.ChatUsers.FirstOrDefaultAsync(u => u.BotId == bot.Id && u.TelegramUserId == update.From.Id, cancellationToken);
        if (user is null)
        {
            user = new ChatUser { BotId = bot.Id, TelegramUserId = update.From.Id };
            db.ChatUsers.Add(user);
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

        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.BotId == bot.Id && c.ChatId == update.ChatId, cancellationToken);
        var first = conversation is null;
        if (conversation is null)
        {
            conversation = new Conversation { BotId = bot.Id, ChatId = update.ChatId, ChatUserId = user.Id, Title = user.DisplayName };
            db.Conversations.Add(conversation);
        }

        var message = new ChatMessage
        {
            ConversationId = conversation.Id,
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
        conversation.Answers = JsonSerializer.Serialize(response.Answers, Json);

        outbox.Publish(new MessageReceived(bot.Id, conversation.Id, message.Id, message.Direction, message.Kind, Cut(message.Text, 500), user.DisplayName, conversation.AssigneeId));
        var slug = context.TenantSlug ?? "";
        if (response.Replies.Count > 0)
        {
            // Stored as queued outgoing messages in this transaction (the inbox shows them at once); the queue sends them.
            var replies = response.Replies.Select((text, i) => new ChatMessage
            {
                ConversationId = conversation.Id, Direction = MessageDirections.Out, Kind = MessageKinds.Text, Text = Cut(text, 8192),
                Sender = BotReplies.Actor, DeliveryStatus = DeliveryStatuses.Queued, At = now.AddTicks(i + 1),
            }).ToList();
            db.Messages.AddRange(replies);
            outbox.Send(new SendBotReplies(context.RequiredTenantId, slug, conversation.Id, [.. replies.Select(r => r.Id)]));
        }

        if (response.CaptureLead)
        {
            outbox.Send(new CaptureBotLead(context.RequiredTenantId, slug, conversation.Id));
        }

        var newUser = db.Entry(user).State == EntityState.Added;
        await outbox.SaveChangesAsync(db, cancellationToken);
        await db.AddToCountersAsync(bot.Id, newUser ? 1 : 0, 1, 0, cancellationToken);
    }

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
