using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Kernel.Modules;

namespace Portico.Events;

/// <summary>
/// The event backbone's API: the event types tenants may subscribe to, custom events tenants publish,
/// and the dead letters an operator lists and replays. The bus itself is wired by <see cref="Messaging"/>.
/// </summary>
public sealed class EventsModule : IModule
{
    public string Name => "events";

    public IEnumerable<Kernel.Tenancy.PermissionGrant> Permissions => EventsPermissions.Grants;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleHandlers(typeof(EventsModule).Assembly);
        services.AddSingleton(new Portico.Console.Shell.ConsoleTranslation(Pages.EventsTexts.Russian));
        services.AddSingleton(new Portico.Console.Shell.ConsoleNavItem(Portico.Console.Shell.NavSection.Settings, "Events", "/events", MudBlazor.Icons.Material.Filled.Bolt, 85, Permission: "events.read" /* declared by the realtime module */));
    }

    /// <summary>Wires the message bus; called by the host once configuration is complete.</summary>
    public static void AddMessaging(IServiceCollection services, IConfiguration configuration, IReadOnlyCollection<System.Reflection.Assembly> moduleAssemblies) =>
        services.AddPorticoMessaging(configuration, moduleAssemblies);

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        EventTypes.Map(api);
        PublishCustomEvent.Map(api.MapTenantGroup().WithTags("Events"));
        DeadLetters.Map(api);
    }
}
