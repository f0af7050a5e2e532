using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Console.Shell;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;

namespace Portico.Audit;

/// <summary>The audit log API: who changed what, when, from which request.</summary>
public sealed class AuditModule : IModule
{
    public string Name => "audit";

    public IEnumerable<Kernel.Tenancy.PermissionGrant> Permissions => AuditPermissions.Grants;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleHandlers(typeof(AuditModule).Assembly);
        services.AddSingleton(new ConsoleTranslation(Pages.AuditTexts.Russian));
        services.AddSingleton(new ConsoleNavItem(NavSection.Settings, "Audit log", "/audit", MudBlazor.Icons.Material.Filled.History, 90, Permission: AuditPermissions.Read));
    }

    public void MapEndpoints(IEndpointRouteBuilder api) => ReadAuditLog.Map(api);
}
