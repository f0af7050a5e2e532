using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Data.Events;

namespace Portico.Notifications.Deliveries;

/// <summary>
/// Notifications' share of a tenant purge: channel settings, templates, triggers, received events, deliveries and
/// in-app items. Preferences and push subscriptions belong to users across tenants, not to a tenant, and stay.
/// </summary>
internal sealed class NotificationsTenantErasure(IServiceScopeFactory scopes, ILogger<NotificationsTenantErasure> logger)
    : TenantErasureSubscriber<NotificationsDbContext>(scopes, logger)
{
    public override string Name => "notifications.tenant-erasure";
}
