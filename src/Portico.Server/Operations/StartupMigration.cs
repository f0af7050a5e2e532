using Microsoft.Extensions.Options;
using Portico.Data;

namespace Portico.Server.Operations;

/// <summary>
/// Applies pending migrations before the server starts listening, when
/// <c>Portico:Database:MigrateOnStartup</c> is on (the default, so a fresh clone just runs).
/// Production may turn it off and run <c>portico migrate</c> as a release step instead.
/// With <c>Portico:SeedDemoOnStartup</c> (on in Development, so <c>dotnet run</c> shows a populated
/// platform) the demo data follows.
/// </summary>
internal sealed class StartupMigration(DatabaseMigrator migrator, IOptions<DatabaseOptions> options, IConfiguration configuration, IServiceProvider services)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }

        await migrator.ShareMessageStoreWithPlatformRoleAsync(cancellationToken);

        if (configuration.GetValue<bool>("Portico:SeedDemoOnStartup"))
        {
            await DemoData.SeedAsync(services, cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
