using Portico.Kernel.Events;

namespace Portico.Messaging.Contracts;

/// <summary>A message in a bot's conversation, in or out. Real time: <c>new-message</c>, in the tenant's room and <c>bot:{id}</c>.</summary>
[EventType("message.received", RealtimeName = "new-message", Description = "A message arrived in (or was sent from) a bot's conversation.")]
public sealed record MessageReceived(
    Guid BotId, Guid ConversationId, Guid MessageId, string Direction, string Kind, string? Text, string? FromName, Guid? AssigneeId)
    : IRoomScopedEvent, IAssignedEvent
{
    public IEnumerable<string> Rooms => [$"bot:{BotId:D}", $"conversation:{ConversationId:D}"];

    public Guid? AssigneeUserId => AssigneeId;
}

/// <summary>A bot went active, inactive or into error. Real time: <c>bot-status-change</c>, in the tenant's room and <c>bot:{id}</c>.</summary>
[EventType("bot.status-changed", RealtimeName = "bot-status-change", Description = "A bot was activated, deactivated, or its webhook started failing.")]
public sealed record BotStatusChanged(Guid BotId, string Username, string Status, string? LastError) : IRoomScopedEvent
{
    public IEnumerable<string> Rooms => [$"bot:{BotId:D}"];
}

/// <summary>
/// A broadcast started, moved on, was paused, resumed, cancelled or finished: its status and counts so far. Raised at
/// each status change and after every batch it sends. Real time: <c>broadcast-progress</c>, in the tenant's room and
/// <c>bot:{id}</c>.
/// </summary>
[EventType("broadcast.progress", RealtimeName = "broadcast-progress", Description = "A bot's broadcast changed status or sent another batch: sent, failed and blocked so far.")]
public sealed record BroadcastProgress(Guid BroadcastId, Guid BotId, string Status, int Total, int Sent, int Failed, int Blocked) : IRoomScopedEvent
{
    public IEnumerable<string> Rooms => [$"bot:{BotId:D}"];
}
