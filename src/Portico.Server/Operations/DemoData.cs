using System.Diagnostics;
using System.Globalization;
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
        var timings = new List<string>();
        var started = Stopwatch.GetTimestamp();
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
        {
            var step = Stopwatch.GetTimestamp();
            await seeder.SeedAsync(cancellationToken);
            timings.Add(string.Create(CultureInfo.InvariantCulture, $"{seeder.GetType().Name} {Stopwatch.GetElapsedTime(step).TotalMilliseconds:F0} ms"));
        }

        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoData));
        logger.LogInformation("Demo data in {Elapsed:F0} ms: {Steps}", Stopwatch.GetElapsedTime(started).TotalMilliseconds, string.Join(", ", timings));
        foreach (var hint in scope.ServiceProvider.GetServices<IDemoSeeder>().Select(s => s.SignInHint).OfType<string>())
        {
            logger.LogInformation("Demo sign-in: {Hint}", hint);
        }
    }
}
