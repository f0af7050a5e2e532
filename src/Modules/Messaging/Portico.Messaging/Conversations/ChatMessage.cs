using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Messaging.Conversations;

/// <summary>
/// A message of a conversation, in or out: text, media (Telegram's file id and caption), a shared contact or
/// location, a button press (callback query) or an edit of an earlier message.
/// </summary>
internal sealed class ChatMessage : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid ConversationId { get; set; }

    /// <summary>The conversation's bot, kept on the message so a bot's analytics read one index range by time.</summary>
    public Guid BotId { get; set; }

    public required string Direction { get; set; }

    /// <summary><see cref="MessageKinds"/>.</summary>
    public required string Kind { get; set; }

    public string? Text { get; set; }

    public string? FileId { get; set; }

    /// <summary>The shared contact's phone, a location as <c>lat,lon</c>, a callback's data: what the kind carries besides text.</summary>
    public string? Data { get; set; }

    public long? TelegramMessageId { get; set; }

    /// <summary>The update it came from (incoming), which makes processing an update twice impossible to notice.</summary>
    public long? UpdateId { get; set; }

    /// <summary>Who sent it: the Telegram user for incoming messages; the member, <c>system:auto-reply</c> or <c>system:broadcast</c> for outgoing ones.</summary>
    public string? Sender { get; set; }

    /// <summary>Outgoing: <c>sent</c>, or <c>failed</c> with <see cref="Error"/>.</summary>
    public string? DeliveryStatus { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Outgoing, a member's answer to a waiting user: seconds since the first unanswered incoming message (first-response time).</summary>
    public double? ResponseSeconds { get; set; }

    /// <summary>Outgoing, sent by a broadcast.</summary>
    public Guid? BroadcastId { get; set; }

    /// <summary>A broadcast batch's claim on the message while it is being sent (<c>sending</c>): no other run sends it too.</summary>
    public Guid? ClaimToken { get; set; }
}

internal static class MessageDirections
{
    public const string In = "in";
    public const string Out = "out";
}

internal static class MessageKinds
{
    public const string Text = "text";
    public const string Photo = "photo";
    public const string Document = "document";
    public const string Voice = "voice";
    public const string Video = "video";
    public const string Sticker = "sticker";
    public const string Contact = "contact";
    public const string Location = "location";
    public const string Callback = "callback";
    public const string Edit = "edit";
}

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> builder)
    {
        builder.ToTable("messages");
        builder.Property(m => m.Direction).HasMaxLength(3);
        builder.Property(m => m.Kind).HasMaxLength(10);
        builder.Property(m => m.Text).HasMaxLength(8192);
        builder.Property(m => m.FileId).HasMaxLength(200);
        builder.Property(m => m.Data).HasMaxLength(500);
        builder.Property(m => m.Sender).HasMaxLength(100);
        builder.Property(m => m.DeliveryStatus).HasMaxLength(10);
        builder.Property(m => m.Error).HasMaxLength(500);
        // History in keyset pages, newest first.
        builder.HasIndex(m => new { m.TenantId, m.ConversationId, m.CreatedAt, m.Id });
        // A bot's analytics over a time range, answered from the index alone (no table lookup per message).
        builder.HasIndex(m => new { m.TenantId, m.BotId, m.At, m.Direction, m.DeliveryStatus, m.ConversationId, m.ResponseSeconds })
            .HasDatabaseName("ix_messages_bot_analytics");
        // A broadcast's recipients still to send, in order.
        builder.HasIndex(m => new { m.BroadcastId, m.DeliveryStatus, m.Id }).HasFilter("broadcast_id IS NOT NULL");
    }
}
