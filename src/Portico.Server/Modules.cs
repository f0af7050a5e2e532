using System.Reflection;
using Portico.Audit;
using Portico.Events;
using Portico.Identity;
using Portico.Kernel.Modules;
using Portico.Tenancy;

namespace Portico.Server;

/// <summary>Every module the host runs, in start-up order. Adding a module is one line here.</summary>
internal static class Modules
{
    public static readonly IReadOnlyList<IModule> All =
    [
        new IdentityModule(),
        new TenancyModule(),
        new AuditModule(),
        new EventsModule(),
        new Realtime.RealtimeModule(),
        new Files.FilesModule(),
        new Webhooks.WebhooksModule(),
        new Notifications.NotificationsModule(),
        new Crm.CrmModule(),
        new Messaging.MessagingModule(),
        new Catalog.CatalogModule(),
        new Scheduling.SchedulingModule(),
        new WorkOrders.WorkOrdersModule(),
        new Inventory.InventoryModule(),
    ];

    /// <summary>The modules' assemblies and their Contracts: where queue handlers and event types are found.</summary>
    public static readonly IReadOnlyCollection<Assembly> Assemblies = All
        .Select(m => m.GetType().Assembly)
        .SelectMany(a => a.GetReferencedAssemblies()
            .Where(n => n.Name is { } name && name.StartsWith("Portico.", StringComparison.Ordinal) && name.EndsWith(".Contracts", StringComparison.Ordinal))
            .Select(Assembly.Load)
            .Prepend(a))
        .Append(typeof(Kernel.Events.IntegrationEvent).Assembly)
        .Distinct()
        .ToList();
}
