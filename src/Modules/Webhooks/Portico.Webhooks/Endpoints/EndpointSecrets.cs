using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Kernel.Modules;

namespace Portico.Webhooks.Endpoints;

/// <summary>Signing secrets are stored encrypted (<see cref="SecretProtector"/>) under this purpose.</summary>
internal static class EndpointSecrets
{
    public const string Purpose = SecretPurposes.WebhookSigningSecret;
}

/// <summary>
/// Encrypts signing secrets stored in the clear before encryption at rest existed: at start, then daily (nothing to
/// do once done). A row is rewritten only if it still holds the values read, so a rotation made meanwhile is never
/// overwritten. No audit row and no new version: the secret does not change, only how it is stored.
/// </summary>
internal sealed class EncryptEndpointSecrets(IServiceScopeFactory scopes, TimeProvider clock, ILogger<EncryptEndpointSecrets> logger)
    : PlatformJob(scopes, clock, logger)
{
    private const int Batch = 100;

    protected override TimeSpan Period => TimeSpan.FromDays(1);

    protected override string Actor => "system:secrets-at-rest";

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WebhooksDbContext>();
        var secrets = services.GetRequiredService<SecretProtector>();
        var handled = 0;
        while (true)
        {
            var plain = await db.Endpoints.IgnoreQueryFilters().AsNoTracking()
                .Where(e => !e.Secret.StartsWith(SecretProtector.Prefix) || (e.PreviousSecret != null && !e.PreviousSecret.StartsWith(SecretProtector.Prefix)))
                .OrderBy(e => e.Id).Take(Batch).ToListAsync(cancellationToken);
            foreach (var row in plain)
            {
                var secret = SecretProtector.IsProtected(row.Secret) ? row.Secret : secrets.Protect(EndpointSecrets.Purpose, row.Secret)!;
                var previous = SecretProtector.IsProtected(row.PreviousSecret) ? row.PreviousSecret : secrets.Protect(EndpointSecrets.Purpose, row.PreviousSecret);
                handled += await db.Endpoints.IgnoreQueryFilters()
                    .Where(e => e.Id == row.Id && e.Secret == row.Secret && e.PreviousSecret == row.PreviousSecret)
                    .ExecuteUpdateAsync(u => u.SetProperty(e => e.Secret, secret).SetProperty(e => e.PreviousSecret, previous), cancellationToken);
            }

            if (plain.Count < Batch)
            {
                return handled;
            }
        }
    }
}
