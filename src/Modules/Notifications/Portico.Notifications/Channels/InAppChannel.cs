using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Kernel.Events;
using Portico.Notifications.InApp;

namespace Portico.Notifications.Channels;

/// <summary>
/// In-app: the notification is stored for the member (listed and marked read through the API) and pushed
/// to their open connections over the real-time hub. Stored once per delivery, however often it is retried.
/// </summary>
internal sealed class InAppChannel(NotificationsDbContext db, IServiceProvider services, ILogger<InAppChannel> logger) : INotificationChannel
{
    public string Name => ChannelNames.InApp;

    public Markup Markup => Markup.PlainText;

    public async Task<string> SendAsync(ChannelTarget target, RenderedMessage message, CancellationToken cancellationToken)
    {
        var userId = target.UserId ?? throw new DeliveryRejectedException("In-app notifications reach members only.");
        var stored = await db.InAppNotifications.FirstOrDefaultAsync(n => n.DeliveryId == target.DeliveryId, cancellationToken);
        if (stored is null)
        {
            stored = new InAppNotification
            {
                UserId = userId,
                DeliveryId = target.DeliveryId,
                EventType = target.EventType,
                Title = ProviderAnswers.Trim(message.Subject),
                Body = message.Text.Length <= InAppNotification.MaxBody ? message.Text : message.Text[..InAppNotification.MaxBody],
            };
            db.InAppNotifications.Add(stored);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Stored is delivered: the list shows it. The live push is a courtesy to open tabs; a failure there is no reason to store it twice.
        var realtime = services.GetService<IRealtimePublisher>();
        if (realtime is not null)
        {
            try
            {
                await realtime.PublishToUserAsync(userId, "notification", InAppNotificationView.From(stored), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "In-app notification {Id} stored but not pushed live", stored.Id);
            }
        }

        return $"stored as in-app notification {stored.Id}";
    }
}
