using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portico.Kernel.Tenancy;

namespace Portico.Kernel.Modules;

/// <summary>
/// Housekeeping that runs at start and then on a fixed period, each run in its own scope, named as
/// its actor and in platform scope (it works across tenants on purpose). A failed run is logged and
/// retried at the next tick; it never stops the host.
/// </summary>
public abstract class PlatformJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock => clock;

    /// <summary>How often the job runs.</summary>
    protected abstract TimeSpan Period { get; }

    /// <summary>The audit actor, e.g. <c>system:tenant-purge</c>.</summary>
    protected abstract string Actor { get; }

    /// <summary>One run; returns how many records it handled, for the log.</summary>
    protected abstract Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>Runs the job once now (operators, tests).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetActor(Actor);
        context.EnterPlatformScope();
        var handled = await RunAsync(scope.ServiceProvider, cancellationToken);
        if (handled > 0)
        {
            logger.LogInformation("{Actor} handled {Count} record(s)", Actor, handled);
        }

        return handled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The tables may not exist yet (migrations not run), or the database is away: try next tick.
                logger.LogWarning(ex, "{Actor} failed; retrying at the next tick", Actor);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
