using Microsoft.Extensions.Options;
using Portico.Data;

namespace Portico.Server.Operations;

/// <summary>
/// Applies pending migrations before the server starts listening, when
/// <c>Portico:Database:MigrateOnStartup</c> is on (the default, so a fresh clone just runs).
/// Production may turn it off and run <c>portico migrate</c> as a release step instead.
/// </summary>
internal sealed class StartupMigration(DatabaseMigrator migrator, IOptions<DatabaseOptions> options) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) =>
        options.Value.MigrateOnStartup ? migrator.MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
