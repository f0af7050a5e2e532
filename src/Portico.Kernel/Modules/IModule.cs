using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portico.Kernel.Modules;

/// <summary>
/// A business module plugged into the host. The host discovers every implementation in the
/// loaded module assemblies, registers its services and maps its endpoints.
/// </summary>
public interface IModule
{
    /// <summary>Short lowercase name, used in logs and docs. A module with tables declares its schema with <c>[ModuleSchema]</c> on its DbContext.</summary>
    string Name { get; }

    /// <summary>Registers the module's services, including its DbContext.</summary>
    void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the module's HTTP endpoints under the API root group.</summary>
    void MapEndpoints(IEndpointRouteBuilder api);

    /// <summary>
    /// The module's own host setup at the site root, outside the API group (SignalR hubs, pages, files).
    /// Runs before the API endpoints are mapped. Most modules need none.
    /// </summary>
    void MapHost(IEndpointRouteBuilder app)
    {
    }

    /// <summary>The module's permissions and the roles they are granted to (collected by <see cref="Tenancy.PermissionCatalog"/>).</summary>
    IEnumerable<Tenancy.PermissionGrant> Permissions => [];
}

/// <summary>A module that can put demo data into a fresh installation. Must be idempotent.</summary>
public interface IDemoSeeder
{
    /// <summary>Lower runs first; modules that others build on seed early.</summary>
    int Order { get; }

    Task SeedAsync(CancellationToken cancellationToken);

    /// <summary>How to sign in with this module's demo data (printed once the demo data is in place), if it has accounts.</summary>
    string? SignInHint => null;
}
