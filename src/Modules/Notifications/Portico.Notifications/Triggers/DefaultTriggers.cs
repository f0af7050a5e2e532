using Portico.Kernel.Events;
using Portico.Kernel.Tenancy;
using Portico.Notifications.Channels;
using Portico.Tenancy.Contracts;

namespace Portico.Notifications.Triggers;

/// <summary>
/// The triggers a vertical's tenants start with, so the people who should hear of something do without anyone setting
/// it up: in a workshop the client on every status change of their work order (email and SMS with the tracking link),
/// the mechanic when assigned (in the console and by Web Push), the owner and admins when stock runs low. They are
/// made as ordinary triggers, in the tenant's language, the first time such an event reaches a tenant that has no
/// trigger of its own for it and never had one (no event of the type was received before), so the workshop sees,
/// edits, switches off or deletes them like any other, and a deleted one does not come back. (A client contact has no
/// Web Push subscription: Web Push is for members.)
/// </summary>
internal sealed class DefaultTriggers(NotificationsDbContext db, ITenantProfiles profiles)
{
    internal sealed record Default(string Vertical, string EventType, string Channel, string NameEn, string NameRu, RecipientSpec[] Recipients);

    private static readonly RecipientSpec[] Client = [new(RecipientSpec.Contact)];
    private static readonly RecipientSpec[] Assignee = [new(RecipientSpec.Assignee)];
    private static readonly RecipientSpec[] Admins = [new(RecipientSpec.Role, Roles.Owner), new(RecipientSpec.Role, Roles.Admin)];

    public static readonly IReadOnlyList<Default> All =
    [
        new("workshop", "work_order.status_changed", ChannelNames.Email, "The client: work order status (email)", "Клиенту: статус заказ-наряда (email)", Client),
        new("workshop", "work_order.status_changed", ChannelNames.Sms, "The client: work order status (SMS)", "Клиенту: статус заказ-наряда (SMS)", Client),
        new("workshop", "work_order.mechanic_assigned", ChannelNames.InApp, "The mechanic: assigned (console)", "Механику: назначение (в консоли)", Assignee),
        new("workshop", "work_order.mechanic_assigned", ChannelNames.WebPush, "The mechanic: assigned (Web Push)", "Механику: назначение (Web Push)", Assignee),
        new("workshop", "inventory.low_stock", ChannelNames.Email, "Admins: low stock (email)", "Администраторам: заканчивается товар (email)", Admins),
        new("workshop", "inventory.low_stock", ChannelNames.InApp, "Admins: low stock (console)", "Администраторам: заканчивается товар (в консоли)", Admins),
    ];

    private static readonly HashSet<string> Types = [.. All.Select(d => d.EventType)];

    /// <summary>Whether some vertical starts with triggers for this event type (such events are read even before a tenant has a trigger).</summary>
    public static bool Ships(string eventType) => Types.Contains(eventType);

    /// <summary>Makes the shipped triggers for this event's type if the tenant's vertical has them and the tenant never had any; the caller saves.</summary>
    public async Task EnsureAsync(IntegrationEvent integrationEvent, CancellationToken ct)
    {
        if (!Types.Contains(integrationEvent.Type)
            || await db.Triggers.AnyAsync(t => t.EventType == integrationEvent.Type, ct)
            || await db.ReceivedEvents.AnyAsync(e => e.EventType == integrationEvent.Type, ct))
        {
            return;
        }

        var profile = await profiles.FindAsync(integrationEvent.TenantId, ct);
        var defaults = All.Where(d => d.EventType == integrationEvent.Type && d.Vertical == profile?.Vertical).ToList();
        var russian = profile?.Locale.StartsWith("ru", StringComparison.OrdinalIgnoreCase) == true;
        foreach (var shipped in defaults)
        {
            db.Triggers.Add(new NotificationTrigger
            {
                TenantId = integrationEvent.TenantId,
                Name = russian ? shipped.NameRu : shipped.NameEn,
                EventType = shipped.EventType,
                Channel = shipped.Channel,
                Recipients = NotificationTrigger.Serialize(shipped.Recipients),
                Locale = russian ? "ru" : "en",
            });
        }

        if (defaults.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
    }
}
