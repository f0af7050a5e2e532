using Portico.Kernel.Tenancy;

namespace Portico.Webhooks.Endpoints;

internal static class RotateSecret
{
    public const int DefaultKeepPreviousHours = 24;
    public const int MaxKeepPreviousHours = 7 * 24;

    /// <summary>How long the old secret keeps signing beside the new one (0–168 hours, default 24), so receivers can switch without losing events.</summary>
    internal sealed record Request(int? KeepPreviousForHours);

    [RequiresPermission(WebhooksPermissions.Manage)]
    internal sealed class Handler(WebhooksDbContext db, SecretProtector secrets, TimeProvider clock)
    {
        public async Task<EndpointWithSecret> HandleAsync(Guid id, Request? request, CancellationToken cancellationToken)
        {
            var hours = request?.KeepPreviousForHours ?? DefaultKeepPreviousHours;
            new Rules().Check(hours is >= 0 and <= MaxKeepPreviousHours, "keepPreviousForHours", $"must be between 0 and {MaxKeepPreviousHours}.").ThrowIfInvalid();

            var endpoint = await db.FindEndpointAsync(id, cancellationToken);
            endpoint.PreviousSecret = hours > 0 ? endpoint.Secret : null;
            endpoint.PreviousSecretExpiresAt = hours > 0 ? clock.GetUtcNow().AddHours(hours) : null;
            var secret = EndpointRules.NewSecret();
            endpoint.Secret = secrets.Protect(EndpointSecrets.Purpose, secret)!;
            await db.SaveChangesAsync(cancellationToken);
            return EndpointWithSecret.From(endpoint, secret);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/webhooks/{id:guid}/rotate-secret", async Task<Ok<EndpointWithSecret>> (Guid id, Request? request, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var endpoint = await handler.HandleAsync(id, request, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(endpoint.Version);
            return TypedResults.Ok(endpoint);
        })
        .WithName("RotateWebhookSecret")
        .WithSummary("Replace the signing secret; the old one keeps signing beside it for keepPreviousForHours (default 24)");
}
