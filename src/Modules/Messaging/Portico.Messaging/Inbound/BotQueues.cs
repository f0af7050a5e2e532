using Microsoft.Extensions.DependencyInjection;
using Portico.Crm.Contracts;
using Portico.Kernel.Events;
using Portico.Messaging.Bots;
using Portico.Messaging.Conversations;

namespace Portico.Messaging.Inbound;

/// <summary>Queue message: send the conversation's queued bot answers (welcome, next question, auto-reply), in order; <c>MessageIds</c> are those this message queued. Public because the message bus generates code that names it.</summary>
public sealed record SendBotReplies(Guid TenantId, string TenantSlug, Guid ConversationId, Guid[] MessageIds);

/// <summary>Queue message: make (or update) the conversation's CRM lead. Public because the message bus generates code that names it.</summary>
public sealed record CaptureBotLead(Guid TenantId, string TenantSlug, Guid ConversationId);

/// <summary>
/// Sends the bot's own answers, out of the update's transaction (a slow Telegram never holds it), retried by the bus.
/// Each run sends every answer of the conversation still queued, oldest first, under the conversation's lock: two
/// updates' answers run on the queue in parallel, and without it a welcome could arrive after the answer to the next
/// message. (The lock is per process; with several instances two runs can still interleave.)
/// </summary>
public sealed class BotReplies(IServiceScopeFactory scopes) : IQueueHandler
{
    public const string Actor = "system:auto-reply";

    private static readonly SemaphoreSlim[] Locks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task HandleAsync(SendBotReplies message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var gate = Locks[(message.ConversationId.GetHashCode() & int.MaxValue) % Locks.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            await scopes.RunAsync(message.TenantId, message.TenantSlug, Actor, async services =>
            {
                var db = services.GetRequiredService<MessagingDbContext>();
                var sender = services.GetRequiredService<BotSender>();
                var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == message.ConversationId, cancellationToken);
                // Only those still queued: a redelivered queue message does not send an answer twice.
                var queued = conversation is null
                    ? []
                    : await db.Messages.Where(m => m.ConversationId == conversation.Id && m.BroadcastId == null && m.DeliveryStatus == DeliveryStatuses.Queued)
                        .OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(cancellationToken);
                foreach (var reply in queued)
                {
                    await sender.DeliverAsync(conversation!, reply, null, answersTheUser: false, cancellationToken);
                }
            });
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>Turns a conversation into a CRM lead through the CRM's <see cref="ILeadCapture"/>: the user's name, shared phone and collected answers; a second capture updates the same lead.</summary>
public sealed class BotLeads(IServiceScopeFactory scopes) : IQueueHandler
{
    public const string Actor = "system:telegram-leads";

    public Task HandleAsync(CaptureBotLead message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return scopes.RunAsync(message.TenantId, message.TenantSlug, Actor, async services =>
        {
            var db = services.GetRequiredService<MessagingDbContext>();
            var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == message.ConversationId, cancellationToken);
            if (conversation is null)
            {
                return;
            }

            var user = await db.ChatUsers.FirstAsync(u => u.Id == conversation.ChatUserId, cancellationToken);
            var bot = await db.Bots.AsNoTracking().FirstOrDefaultAsync(b => b.Id == conversation.BotId, cancellationToken);
            var answers = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(conversation.Answers) ?? [];
            answers["telegram"] = user.Username is { } username ? "@" + username : user.TelegramUserId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var captured = await services.GetRequiredService<ILeadCapture>().CaptureAsync(
                new LeadCaptureRequest("telegram", bot is null ? null : $"Telegram: {user.DisplayName} (@{bot.Username})", user.DisplayName, null, user.Phone, answers, conversation.LeadId) { SourceRooms = [$"bot:{conversation.BotId:D}"] },
                cancellationToken);
            if (conversation.LeadId != captured.LeadId)
            {
                var first = conversation.LeadId is null;
                conversation.LeadId = captured.LeadId;
                conversation.LeadCapturedAt ??= services.GetRequiredService<TimeProvider>().GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
                await db.AddToCountersAsync(conversation.BotId, 0, 0, first ? 1 : 0, cancellationToken);
            }
        });
    }
}
