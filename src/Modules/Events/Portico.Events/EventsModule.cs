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

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleHandlers(typeof(EventsModule).Assembly);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        EventTypes.Map(api);
        PublishCustomEvent.Map(api.MapTenantGroup().WithTags("Events"));
        DeadLetters.Map(api);
    }
}
