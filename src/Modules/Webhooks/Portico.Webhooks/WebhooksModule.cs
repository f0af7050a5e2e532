using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Data;
using Portico.Kernel.Modules;
using Portico.Webhooks.Deliveries;
using Portico.Webhooks.Dispatch;
using Portico.Webhooks.Endpoints;

namespace Portico.Webhooks;

/// <summary>
/// Outbound webhooks: tenants register HTTPS endpoints for chosen event types; every integration event
/// becomes a signed delivery per subscribed endpoint, retried with backoff for about three days, with its
/// attempts on record, a redeliver action, and endpoints disabled (Owners emailed) when they keep failing.
/// </summary>
public sealed class WebhooksModule : IModule
{
    public string Name => "webhooks";

    public IEnumerable<Kernel.Tenancy.PermissionGrant> Permissions => WebhooksPermissions.Grants;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<WebhooksDbContext>();
        services.AddModuleHandlers(typeof(WebhooksModule).Assembly);
        services.AddSingleton(new Portico.Console.Shell.ConsoleTranslation(Pages.WebhooksTexts.Russian));
        services.AddSingleton(new Portico.Console.Shell.ConsoleNavItem(Portico.Console.Shell.NavSection.Settings, "Webhooks", "/settings/webhooks", MudBlazor.Icons.Material.Filled.Webhook, 70, Permission: WebhooksPermissions.Manage));
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(2), "Portico:Webhooks:Timeout must be between 0 and 2 minutes.")
            .Validate(o => o.RetryDelays.All(d => d > TimeSpan.Zero), "Portico:Webhooks:RetryDelays must all be positive.")
            .Validate(o => o.DisableAfterConsecutiveFailures >= 1, "Portico:Webhooks:DisableAfterConsecutiveFailures must be at least 1.")
            .Validate(o => o.DisableAfterFailingFor >= TimeSpan.Zero, "Portico:Webhooks:DisableAfterFailingFor must not be negative.")
            .Validate(o => o.MaxEndpointsPerTenant >= 1, "Portico:Webhooks:MaxEndpointsPerTenant must be at least 1.")
            .Validate(o => o.DeliveryRetention >= TimeSpan.FromDays(1), "Portico:Webhooks:DeliveryRetention must be at least one day.")
            .ValidateOnStart();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<DeliveryRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryRetention>());
        services.AddHostedService<EncryptEndpointSecrets>();
        WebhookSender.AddClient(services);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var tenants = api.MapTenantGroup().WithTags("Webhooks");
        CreateEndpoint.Map(tenants);
        ListEndpoints.Map(tenants);
        GetEndpoint.Map(tenants);
        UpdateEndpoint.Map(tenants);
        DeleteEndpoint.Map(tenants);
        RotateSecret.Map(tenants);
        SendTestEvent.Map(tenants);
        ListDeliveries.Map(tenants);
        GetDelivery.Map(tenants);
        Redeliver.Map(tenants);
    }
}
