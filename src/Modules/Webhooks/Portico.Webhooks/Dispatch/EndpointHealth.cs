using System.Globalization;
using Portico.Data.Events;

namespace Portico.Webhooks.Dispatch;

/// <summary>
/// The auto-disable rule: an endpoint is switched off when its last
/// <see cref="WebhookOptions.DisableAfterConsecutiveFailures"/> attempts, across all its deliveries, failed
/// and the oldest of them is at least <see cref="WebhookOptions.DisableAfterFailingFor"/> old. Any 2xx
/// breaks the streak; turning the endpoint back on starts a new one (attempts before
/// <see cref="Endpoints.WebhookEndpoint.EnabledAt"/> do not count).
/// </summary>
internal static class EndpointHealth
{
    /// <summary>Called with a failed attempt that is not saved yet; disables the endpoint and queues the Owners' email in the same save.</summary>
    public static async Task DisableIfFailingAsync(
        WebhooksDbContext db, Outbox outbox, Guid endpointId, DeliverWebhook message, DateTimeOffset now, WebhookOptions options, string? lastError, CancellationToken cancellationToken)
    {
        var endpoint = await db.Endpoints.FirstOrDefaultAsync(e => e.Id == endpointId, cancellationToken);
        if (endpoint is not { Enabled: true })
        {
            return;
        }

        var threshold = options.DisableAfterConsecutiveFailures;
        var attempts = db.Attempts.AsNoTracking().Where(a => a.EndpointId == endpointId);
        if (endpoint.EnabledAt is { } enabledAt)
        {
            // Attempts made before the endpoint was last turned on do not count against it.
            attempts = attempts.Where(a => a.AttemptedAt >= enabledAt);
        }

        var earlier = await attempts
            .OrderByDescending(a => a.AttemptedAt).ThenByDescending(a => a.Id)
            .Take(threshold - 1)
            .Select(a => new { a.Succeeded, a.AttemptedAt })
            .ToListAsync(cancellationToken);
        if (earlier.Count < threshold - 1 || earlier.Any(a => a.Succeeded))
        {
            return;
        }

        var failingSince = earlier.Count == 0 ? now : earlier.Min(a => a.AttemptedAt);
        if (now - failingSince < options.DisableAfterFailingFor)
        {
            return;
        }

        endpoint.Disable(now, Truncate(string.Create(CultureInfo.InvariantCulture,
            $"Disabled automatically: the last {threshold} delivery attempts failed (since {failingSince:yyyy-MM-dd HH:mm:ss} UTC). Last error: {lastError ?? "unknown"}"), 500));
        outbox.Send(new NotifyWebhookDisabled(message.TenantId, message.TenantSlug, endpoint.Id));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
