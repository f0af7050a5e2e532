using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portico.Console.Shell;

namespace Portico.Messaging.Pages;

/// <summary>The bot manager in the console: the inbox of conversations, the bots' analytics and their settings.</summary>
internal static class MessagingPages
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton(new ConsoleTranslation(MessagingTexts.Russian));
        services.AddSingleton(new LiveToast("new-message", (data, texts) =>
            LiveToast.Field(data, "direction") == "in" && LiveToast.Field(data, "fromName") is { } from
                ? texts.Format("New message from {0}", from)
                : null));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Inbox", "/inbox", Icons.Material.Filled.Forum, 35, Permission: MessagingPermissions.Read));
        services.AddSingleton(new ConsoleNavItem(NavSection.Work, "Bot analytics", "/bots/stats", Icons.Material.Filled.Insights, 36, Permission: MessagingPermissions.Read));
        services.AddSingleton(new ConsoleNavItem(NavSection.Settings, "Bots", "/settings/bots", Icons.Material.Filled.SmartToy, 60, Permission: MessagingPermissions.ManageBots));
    }
}
