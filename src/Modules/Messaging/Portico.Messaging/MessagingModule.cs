using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Data;
using Portico.Kernel.Modules;
using Portico.Messaging.Bots;
using Portico.Messaging.Broadcasts;
using Portico.Messaging.Conversations;
using Portico.Messaging.Inbound;
using Portico.Messaging.Telegram;

namespace Portico.Messaging;

/// <summary>
/// The Telegram bot manager: bots connected by token, updates received by webhook (or long polling) and stored by
/// group commit before they are acknowledged, processed into conversations and messages, leads captured into the
/// CRM, replies and auto-replies through the Bot API, and live events for the console and clients.
/// </summary>
public sealed class MessagingModule : IModule
{
    public string Name => "messaging";

    public IEnumerable<Kernel.Tenancy.PermissionGrant> Permissions => MessagingPermissions.Grants;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<MessagingDbContext>();
        services.AddModuleHandlers(typeof(MessagingModule).Assembly);
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.Section))
            .Validate(o => Uri.TryCreate(o.Telegram.ApiUrl, UriKind.Absolute, out _), "Portico:Channels:Telegram:ApiUrl must be an absolute URL.")
            .Validate(o => o.MaxUpdatesPerCommit is >= 1 and <= 5000, "Portico:Channels:MaxUpdatesPerCommit must be between 1 and 5000.")
            .Validate(o => o.InboundWriters is >= 1 and <= 8, "Portico:Channels:InboundWriters must be between 1 and 8.")
            .Validate(o => o.SendAttempts >= 1, "Portico:Channels:SendAttempts must be at least 1.")
            .Validate(o => o.BroadcastMessagesPerSecond is >= 1 and <= 1000, "Portico:Channels:BroadcastMessagesPerSecond must be between 1 and 1000.")
            .Validate(o => o.ProcessorBurstDeferral >= TimeSpan.Zero && o.ProcessorBurstDeferral <= TimeSpan.FromMinutes(1), "Portico:Channels:ProcessorBurstDeferral must be between 0 and 1 minute.")
            .ValidateOnStart();
        // The token is in every Bot API URL: the client logs nothing, so no URL of it reaches a log.
        services.AddOutboundHttpClient<TelegramBotApi>(OutboundCaller.Provider, TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddSingleton<BotTokens>();
        services.AddSingleton<BotDirectory>();
        services.AddSingleton<InboundSignal>();
        services.AddSingleton<InboundWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<InboundWriter>());
        services.AddSingleton<InboundProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<InboundProcessor>());
        services.AddHostedService<BotHealthCheck>();
        services.AddHostedService<BotPoller>();
        services.AddScoped<BotStatusChanges>();
        services.AddScoped<UpdateProcessor>();
        services.AddScoped<BotSender>();
        services.AddScoped<Contracts.ITelegramReach, TelegramReach>();
        services.AddSingleton<BroadcastPacer>();
        services.AddScoped<BroadcastRun>();
        services.AddScoped<IDemoSeeder, Demo.MessagingDemoSeeder>();
        Pages.MessagingPages.Add(services);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        ReceiveTelegramUpdate.Map(api);
        var tenants = api.MapTenantGroup().WithTags("Messaging");
        ConnectBot.Map(tenants);
        ListBots.Map(tenants);
        GetBot.Map(tenants);
        UpdateBot.Map(tenants);
        SwitchBot.Map(tenants);
        DeleteBot.Map(tenants);
        BotStats.Map(tenants);
        ListConversations.Map(tenants);
        GetConversation.Map(tenants);
        ListMessages.Map(tenants);
        ReplyToConversation.Map(tenants);
        ChangeConversation.Map(tenants);
        CreateBroadcast.Map(tenants);
        CountBroadcastAudience.Map(tenants);
        ListBroadcasts.Map(tenants);
        GetBroadcast.Map(tenants);
        ListBroadcastRecipients.Map(tenants);
        ChangeBroadcast.Map(tenants);
    }
}
