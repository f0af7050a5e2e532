using Microsoft.Extensions.DependencyInjection;
using Portico.Kernel.Events;
using Portico.Tenancy.Contracts;
using Wolverine;

namespace Portico.Notifications.Dispatch;

/// <summary>Queue message: send (or defer) one delivery. Carries the tenant so the work runs inside it.</summary>
public sealed record SendNotification(Guid DeliveryId, Guid TenantId, string TenantSlug);

/// <summary>
/// Reads every integration event from the event log: the tenant's enabled triggers for the event's type turn
/// it into deliveries (see <see cref="FanOut"/>). A batch looks up each tenant's trigger types once, so an
/// event no trigger names costs no more than that.
/// </summary>
internal sealed class NotificationTriggersHandler(IServiceScopeFactory scopes) : IEventSubscriber
{
    public string Name => Subscriber;

    /// <summary>Every type: tenants set triggers on any type, including custom ones and <c>*</c>.</summary>
    public IReadOnlyCollection<string>? EventTypes => null;

    public async Task HandleAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var tenant in events.GroupBy(e => e.TenantId))
        {
            var first = tenant.First();
            var wanted = await scopes.RunAsync(first.TenantId, first.TenantSlug, $"system:{Subscriber}", async services =>
            {
                // A suspended (or deleted, or purged) tenant's events notify no one, and are not kept for later.
                if (await services.GetRequiredService<ITenantProfiles>().FindAsync(first.TenantId, cancellationToken) is not { Suspended: false })
                {
                    return [];
                }

                var types = (await services.GetRequiredService<NotificationsDbContext>().Triggers.AsNoTracking()
                    .Where(t => t.Enabled).Select(t => t.EventType).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
                return tenant.Where(e => types.Contains("*") || types.Contains(e.Type) || Triggers.DefaultTriggers.Ships(e.Type)).ToList();
            });
            foreach (var message in wanted)
            {
                await scopes.RunForEventAsync(message, Subscriber, services => services.GetRequiredService<FanOut>().HandleAsync(message, cancellationToken));
            }
        }
    }

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
