using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Portico.Kernel.Tenancy;

namespace Portico.Kernel.Modules;

public static class ModuleServices
{
    /// <summary>
    /// Registers every use-case handler of a module: by convention a class named <c>Handler</c>
    /// nested in its use case (<c>CreateTenant.Handler</c>). The API and the console resolve the same ones.
    /// </summary>
    public static IServiceCollection AddModuleHandlers(this IServiceCollection services, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { Name: "Handler", IsClass: true, IsAbstract: false, IsNested: true }))
        {
            if (type.GetCustomAttribute<RequiresPermissionAttribute>() is { } required)
            {
                // The check lives with the use case: whoever resolves the handler is checked first.
                var factory = ActivatorUtilities.CreateFactory(type, Type.EmptyTypes);
                services.AddScoped(type, provider =>
                {
                    provider.GetRequiredService<RequestContext>().Demand(required.Permission);
                    return factory(provider, null);
                });
            }
            else
            {
                services.AddScoped(type);
            }
        }

        return services;
    }
}
