using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portico.Kernel.Modules;

namespace Portico.Audit;

/// <summary>The audit log API: who changed what, when, from which request.</summary>
public sealed class AuditModule : IModule
{
    public string Name => "audit";

    public IEnumerable<Kernel.Tenancy.PermissionGrant> Permissions => AuditPermissions.Grants;

    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddModuleHandlers(typeof(AuditModule).Assembly);

    public void MapEndpoints(IEndpointRouteBuilder api) => ReadAuditLog.Map(api);
}
