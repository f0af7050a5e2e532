using Microsoft.Extensions.DependencyInjection;
using Portico.Kernel.Events;
using Wolverine;

namespace Portico.Notifications.Dispatch;

/// <summary>Queue message: send (or defer) one delivery. Carries the tenant so the work runs inside it.</summary>
public sealed record SendNotification(Guid DeliveryId, Guid TenantId, string TenantSlug);

/// <summary>
/// Every integration event reaches this handler through its own durable queue: the tenant's enabled triggers
/// for the event's type turn it into deliveries (see <see cref="FanOut"/>). Public because the message bus
/// generates code that calls it; the work is done by the module's internal services.
/// </summary>
public sealed class NotificationTriggersHandler(IServiceScopeFactory scopes) : IQueueHandler
{
    public Task HandleAsync(IntegrationEvent message, CancellationToken cancellationToken) =>
        scopes.RunForEventAsync(message, Subscriber, services => services.GetRequiredService<FanOut>().HandleAsync(message, cancellationToken));

    internal const string Subscriber = "notifications";
}

/// <summary>
/// Sends one delivery (see <see cref="Dispatcher"/>). A failure the provider may get over is thrown, so the
/// queue retries it with backoff and, after the last attempt, moves it to the dead letters.
/// </summary>
public sealed class SendNotificationHandler(IServiceScopeFactory scopes) : IQueueHandler
{
    public Task HandleAsync(SendNotification message, Envelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(envelope);
        return scopes.RunAsync(message.TenantId, message.TenantSlug, $"system:{NotificationTriggersHandler.Subscriber}",
            services => services.GetRequiredService<Dispatcher>().SendAsync(message, envelope.Attempts, cancellationToken));
    }
}
