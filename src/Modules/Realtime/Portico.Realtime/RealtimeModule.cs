using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Data;
using Portico.Kernel.Events;
using Portico.Kernel.Modules;

namespace Portico.Realtime;

/// <summary>Real time: the SignalR hub at <c>/hubs/events</c> and the tenant event stream over SSE.</summary>
public sealed class RealtimeModule : IModule
{
    public const string HubPath = "/hubs/events";

    public string Name => "realtime";

    public IEnumerable<Kernel.Tenancy.PermissionGrant> Permissions => RealtimePermissions.Grants;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<RealtimeDbContext>();
        services.AddOptions<RealtimeOptions>().Bind(configuration.GetSection(RealtimeOptions.Section));
        services.AddSingleton<StreamSignal>();
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        services.AddSingleton<IRealtimePublisher, HubPublisher>();
        services.AddSingleton<ILiveEvents, LiveEventFeed>();
        services.AddHostedService<StreamRetention>();
        services.AddSignalR(o => o.EnableDetailedErrors = false)
            .AddJsonProtocol(o => o.PayloadSerializerOptions = EventJson.Options);
    }

    /// <summary>
    /// Joins the instances' hubs through Redis when <c>Portico:Realtime:RedisConnectionString</c> is set.
    /// Called by the host once configuration is complete (a test host's settings arrive late).
    /// </summary>
    public static void AddBackplane(IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetSection(RealtimeOptions.Section).Get<RealtimeOptions>()?.RedisConnectionString;
        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.AddSignalR().AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("portico"));
        }
    }

    public void MapEndpoints(IEndpointRouteBuilder api) =>
        EventStream.Map(api.MapTenantGroup().WithTags("Events"));

    /// <summary>The hub lives at the site root, beside the API.</summary>
    public void MapHost(IEndpointRouteBuilder app) => app.MapHub<EventsHub>(HubPath);
}
