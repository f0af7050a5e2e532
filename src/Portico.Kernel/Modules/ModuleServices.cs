using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

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
            services.AddScoped(type);
        }

        return services;
    }
}
