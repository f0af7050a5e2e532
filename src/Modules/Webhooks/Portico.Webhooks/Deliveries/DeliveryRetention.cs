using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portico.Kernel.Modules;

namespace Portico.Webhooks.Deliveries;

/// <summary>
/// Deletes finished deliveries (succeeded or failed) older than <see cref="WebhookOptions.DeliveryRetention"/>
/// with their attempts, hourly and across tenants, so the history stays a working tool rather than an
/// archive. Pending deliveries stay whatever their age.
/// </summary>
internal sealed class DeliveryRetention(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DeliveryRetention> logger, IOptions<WebhookOptions> options)
    : PlatformJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override string Actor => "system:webhook-retention";

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WebhooksDbContext>();
        var cutoff = Clock.GetUtcNow() - options.Value.DeliveryRetention;
        var expired = db.Deliveries.IgnoreQueryFilters().Where(d => d.CreatedAt < cutoff && d.Status != DeliveryStatus.Pending);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Attempts.IgnoreQueryFilters().Where(a => expired.Select(d => d.Id).Contains(a.DeliveryId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await expired.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
