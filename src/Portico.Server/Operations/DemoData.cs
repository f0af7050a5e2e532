using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;

namespace Portico.Server.Operations;

/// <summary>Runs every module's demo seeder in order, as the CLI in platform scope. Idempotent.</summary>
internal static class DemoData
{
    /// <summary>Seeds in a new scope of <paramref name="services"/>.</summary>
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetActor("system:seed-demo");
        context.EnterPlatformScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(cancellationToken);
        }
    }
}
