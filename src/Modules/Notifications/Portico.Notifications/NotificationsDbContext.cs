using Portico.Data;
using Portico.Kernel.Tenancy;

namespace Portico.Notifications;

[ModuleSchema("notifications")]
internal sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options, RequestContext request) : ModuleDbContext(options, request)
{
    public DbSet<Templates.NotificationTemplate> Templates => Set<Templates.NotificationTemplate>();

    public DbSet<Triggers.NotificationTrigger> Triggers => Set<Triggers.NotificationTrigger>();

    public DbSet<Channels.ChannelSettings> ChannelSettings => Set<Channels.ChannelSettings>();

    public DbSet<Deliveries.ReceivedEvent> ReceivedEvents => Set<Deliveries.ReceivedEvent>();

    public DbSet<Deliveries.Delivery> Deliveries => Set<Deliveries.Delivery>();

    public DbSet<InApp.InAppNotification> InAppNotifications => Set<InApp.InAppNotification>();

    public DbSet<Preferences.NotificationPreferences> Preferences => Set<Preferences.NotificationPreferences>();

    public DbSet<Push.PushSubscription> PushSubscriptions => Set<Push.PushSubscription>();
}

/// <summary>For <c>dotnet ef migrations add</c>; see scripts/add-migration.sh.</summary>
internal sealed class NotificationsDesignTimeFactory : ModuleDesignTimeFactory<NotificationsDbContext>;
