using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace Portico.Console.Shell;

/// <summary>The module assemblies that hold console pages; the router and the endpoint mapping use the same list.</summary>
public static class ConsolePages
{
    public static IReadOnlyList<Assembly> Assemblies { get; private set; } = [];

    /// <summary>Keeps the assemblies among <paramref name="candidates"/> that declare at least one routable component.</summary>
    public static void Use(IEnumerable<Assembly> candidates) => Assemblies = candidates
        .Where(a => a != typeof(ConsolePages).Assembly)
        .Where(a => a.GetExportedTypes().Any(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<RouteAttribute>() is not null))
        .Distinct()
        .ToList();
}
