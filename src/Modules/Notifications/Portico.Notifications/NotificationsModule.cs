using System.Buffers.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Data;
using Portico.Kernel.Http;
using Portico.Kernel.Modules;
using Portico.Notifications.Channels;
using Portico.Notifications.Deliveries;
using Portico.Notifications.Dispatch;
using Portico.Notifications.InApp;
using Portico.Notifications.Preferences;
using Portico.Notifications.Push;
using Portico.Notifications.Templates;
using Portico.Notifications.Triggers;

namespace Portico.Notifications;

/// <summary>
/// Notifications: triggers turn integration events into messages written from Liquid templates and delivered
/// by email, SMS, Telegram, Slack, Web Push or in-app, with each member's preferences and quiet hours, through
/// durable queues with retries, and a delivery log per tenant.
/// </summary>
public sealed class NotificationsModule : IModule
{
    private static readonly TimeSpan ProviderTimeout = TimeSpan.FromSeconds(15);

    public string Name => "notifications";

    public IEnumerable<Kernel.Tenancy.PermissionGrant> Permissions => NotificationsPermissions.Grants;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<NotificationsDbContext>();
        services.AddModuleHandlers(typeof(NotificationsModule).Assembly);
        services.AddOptions<NotificationsOptions>().Bind(configuration.GetSection(NotificationsOptions.Section))
            .Validate(o => o.Sms.Provider is "Twilio" or "MessageBird", "Portico:Notifications:Sms:Provider must be Twilio or MessageBird.")
            .Validate(o => o.Sms.Provider != "MessageBird" || !string.IsNullOrWhiteSpace(o.Sms.MessageBird.AccessKey),
                "Portico:Notifications:Sms:MessageBird:AccessKey is required with the MessageBird provider.")
            .Validate(o => string.IsNullOrWhiteSpace(o.WebPush.PublicKey) == string.IsNullOrWhiteSpace(o.WebPush.PrivateKey),
                "Portico:Notifications:WebPush needs both PublicKey and PrivateKey, or neither.")
            .Validate(o => !o.WebPush.Enabled || (KeyLength(o.WebPush.PublicKey) == 65 && KeyLength(o.WebPush.PrivateKey) == 32),
                "Portico:Notifications:WebPush keys must be a P-256 key pair in base64url (public 65 bytes, private 32 bytes).")
            .Validate(o => o.WebPush.Subject.StartsWith("mailto:", StringComparison.Ordinal) || o.WebPush.Subject.StartsWith("https://", StringComparison.Ordinal),
                "Portico:Notifications:WebPush:Subject must be a mailto: or https: URL.")
            .ValidateOnStart();

        // Tenants choose Slack webhooks and browsers choose push endpoints; the operator chooses the provider APIs.
        // All go through the guarded outbound client: address policy at connect time, no redirects, a deadline.
        services.AddOutboundHttpClient<SlackChannel>(OutboundCaller.Tenant, ProviderTimeout);
        services.AddOutboundHttpClient<WebPushChannel>(OutboundCaller.Tenant, ProviderTimeout);
        services.AddOutboundHttpClient<TelegramChannel>(OutboundCaller.Provider, ProviderTimeout);
        services.AddOutboundHttpClient<MessageBirdClient>(OutboundCaller.Provider, ProviderTimeout);
        services.AddScoped<INotificationChannel, EmailChannel>();
        services.AddScoped<INotificationChannel, SmsChannel>();
        services.AddScoped<INotificationChannel, InAppChannel>();
        services.AddScoped<INotificationChannel>(sp => sp.GetRequiredService<TelegramChannel>());
        services.AddScoped<INotificationChannel>(sp => sp.GetRequiredService<SlackChannel>());
        services.AddScoped<INotificationChannel>(sp => sp.GetRequiredService<WebPushChannel>());

        services.AddScoped<TemplateResolver>();
        services.AddScoped<Recipients>();
        services.AddScoped<DefaultTriggers>();
        services.AddScoped<FanOut>();
        services.AddScoped<Dispatcher>();
        services.AddHostedService<EncryptChannelSecrets>();

        services.AddSingleton(new Portico.Console.Shell.ConsoleTranslation(Pages.NotificationTexts.Russian));
        services.AddSingleton(new Portico.Console.Shell.ConsoleNavItem(Portico.Console.Shell.NavSection.Settings, "Notifications", "/settings/notifications", MudBlazor.Icons.Material.Filled.NotificationsActive, 75, Permission: NotificationsPermissions.Manage));
        services.AddSingleton(new Portico.Console.Shell.ConsoleNavItem(Portico.Console.Shell.NavSection.Account, "My notifications", "/account/notifications", MudBlazor.Icons.Material.Filled.Notifications, 30));
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var tenants = api.MapTenantGroup().WithTags("Notifications");
        InAppEndpoints.Map(tenants);
        TemplateEndpoints.Map(tenants);
        TriggerEndpoints.Map(tenants);
        DeliveryLog.Map(tenants);
        ChannelSettingsEndpoints.Map(tenants);
        PreferenceEndpoints.Map(api);
        PushSubscriptionEndpoints.Map(api);
    }

    private static int KeyLength(string? key)
    {
        try
        {
            return string.IsNullOrEmpty(key) ? 0 : Base64Url.DecodeFromChars(key.TrimEnd('=')).Length;
        }
        catch (FormatException)
        {
            return -1;
        }
    }
}
