namespace Portico.Messaging.Conversations;

internal sealed record ConversationView(
    Guid Id, Guid BotId, long ChatId, string Title, string Status, Guid? AssigneeId, int UnreadCount, DateTimeOffset LastMessageAt,
    string? LastMessagePreview, DateTimeOffset? AwaitingReplySince, Guid? LeadId, ChatUserView User, DateTimeOffset CreatedAt, long Version)
{
    public static ConversationView From(Conversation c, ChatUser user) => new(
        c.Id, c.BotId, c.ChatId, c.Title, c.Status, c.AssigneeId, c.UnreadCount, c.LastMessageAt, c.LastMessagePreview, c.AwaitingReplySince, c.LeadId,
        ChatUserView.From(user), c.CreatedAt, c.Version);
}

internal sealed record ChatUserView(
    Guid Id, long TelegramUserId, string? Username, string? FirstName, string? LastName, string? LanguageCode, string? Phone, bool Blocked, DateTimeOffset LastSeenAt, string[] Tags)
{
    public static ChatUserView From(ChatUser u) => new(u.Id, u.TelegramUserId, u.Username, u.FirstName, u.LastName, u.LanguageCode, u.Phone, u.Blocked, u.LastSeenAt, ChatTags.Read(u.Tags));
}

internal sealed record MessageView(
    Guid Id, Guid ConversationId, string Direction, string Kind, string? Text, string? FileId, string? Data, long? TelegramMessageId, string? Sender,
    string? DeliveryStatus, string? Error, DateTimeOffset At)
{
    public static MessageView From(ChatMessage m) => new(m.Id, m.ConversationId, m.Direction, m.Kind, m.Text, m.FileId, m.Data, m.TelegramMessageId, m.Sender, m.DeliveryStatus, m.Error, m.At);
}
