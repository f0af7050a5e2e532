using Portico.Data.Events;
using Portico.Messaging.Contracts;

namespace Portico.Messaging.Bots;

/// <summary>The one way a bot's status changes: the fields, the error streak, and <c>bot.status-changed</c> in the same unit of work.</summary>
internal sealed class BotStatusChanges(Outbox outbox, TimeProvider clock)
{
    public void Set(Bot bot, string status, string? error = null)
    {
        var changed = bot.Status != status || (error is not null && bot.LastError != error);
        bot.Status = status;
        if (error is not null)
        {
            bot.LastError = error.Length > 500 ? error[..500] : error;
            bot.LastErrorAt = clock.GetUtcNow();
            bot.ErrorCount++;
        }
        else if (status == BotStatuses.Active)
        {
            bot.ErrorCount = 0;
        }

        if (changed)
        {
            outbox.Publish(new BotStatusChanged(bot.Id, bot.Username, bot.Status, error));
        }
    }
}
