using System.Text.Json.Nodes;

namespace Portico.Messaging.Broadcasts;

internal sealed record BroadcastView(
    Guid Id, Guid BotId, string Text, string? Photo, JsonNode? ReplyMarkup, BroadcastSegment Segment, string Status, DateTimeOffset ScheduledAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int Total, int Sent, int Failed, int Blocked, int Pending, string CreatedBy, DateTimeOffset CreatedAt, long Version)
{
    public static BroadcastView From(Broadcast b) => new(
        b.Id, b.BotId, b.Text, b.Photo, b.ReplyMarkup is null ? null : JsonNode.Parse(b.ReplyMarkup), BroadcastSegment.Parse(b.Segment), b.Status, b.ScheduledAt,
        b.StartedAt, b.FinishedAt, b.Total, b.Sent, b.Failed, b.Blocked,
        b.Status is BroadcastStatuses.Running or BroadcastStatuses.Paused ? Math.Max(0, b.Total - b.Sent - b.Failed - b.Blocked) : 0,
        b.CreatedBy, b.CreatedAt, b.Version);
}

/// <summary>One recipient of a broadcast: their conversation, and what became of their message.</summary>
internal sealed record BroadcastRecipientView(Guid MessageId, Guid ConversationId, string Title, string DeliveryStatus, string? Error, long? TelegramMessageId, DateTimeOffset At);
