using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Console.Shell;
using Portico.Data;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Tenants;
using Portico.Tenancy.Contracts;

namespace Portico.Tenancy;

/// <summary>Tenants: the portals, workshops, companies and workspaces everything else belongs to.</summary>
public sealed class TenancyModule : IModule
{
    public string Name => "tenancy";

    public IEnumerable<Kernel.Tenancy.PermissionGrant> Permissions => Contracts.TenancyPermissions.Grants;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<TenancyDbContext>();
        services.AddModuleHandlers(typeof(TenancyModule).Assembly);
        services.AddSingleton(new Portico.Console.Shell.ConsoleTranslation(Pages.TenancyTexts.Russian));
        services.AddSingleton(new ConsoleNavItem(NavSection.Settings, "Team", "/team", MudBlazor.Icons.Material.Filled.Group, 10, Permission: TenancyPermissions.MembersRead));
        services.AddSingleton(new ConsoleNavItem(NavSection.Settings, "Workspace settings", "/settings", MudBlazor.Icons.Material.Filled.Tune, 80, Permission: TenancyPermissions.SettingsManage));
        services.AddSingleton(new ConsoleNavItem(NavSection.Platform, "Tenants", "/admin/tenants", MudBlazor.Icons.Material.Filled.Business, 10, PlatformRole: Pages.PlatformRoles.Admin));
        services.AddSingleton(new ConsoleNavItem(NavSection.Platform, "My tenants", "/manager/tenants", MudBlazor.Icons.Material.Filled.SupportAgent, 30, PlatformRole: Pages.PlatformRoles.AccountManager));
        services.AddScoped<TenantResolver>();
        services.AddScoped<ITenantAccessResolver>(sp => sp.GetRequiredService<TenantResolver>());
        services.AddScoped<Contracts.IMembershipDirectory>(sp => sp.GetRequiredService<TenantResolver>());
        services.AddScoped<Contracts.ITenantStatistics>(sp => sp.GetRequiredService<TenantResolver>());
        services.AddScoped<ITenantDirectory>(sp => sp.GetRequiredService<TenantResolver>());
        services.AddScoped<Contracts.ITenantProfiles>(sp => sp.GetRequiredService<TenantResolver>());
        services.AddScoped<IDemoSeeder, TenancyDemoSeeder>();
        services.AddSingleton<TenantPurge>();
        services.AddHostedService(sp => sp.GetRequiredService<TenantPurge>());
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        SlugAvailability.Map(api);
        CreateTenant.Map(api);
        ListTenants.Map(api);
        SuspendTenant.Map(api);
        AccountManagers.Map(api);
        PublicTenant.Map(api);
        var tenants = api.MapTenantGroup().WithTags("Tenants");
        GetTenant.Map(tenants);
        UpdateTenant.Map(tenants);
        DeleteTenant.Map(tenants);
        Members.MemberEndpoints.Map(api, tenants);
        Members.PendingInvitations.Map(tenants);
        Members.InvitationByToken.Map(api);
    }
}
