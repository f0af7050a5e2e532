using System.Text.Json;
using Portico.Data;
using Portico.Data.Events;
using Portico.Kernel.Events;
using Portico.Kernel.Tenancy;

namespace Portico.Events;

/// <summary>
/// A tenant's own event (<c>custom.order-paid</c>) posted by an integration: it travels the same way as
/// the platform's events, so webhooks, notification triggers, the hub and the event stream react to it.
/// </summary>
internal static class PublishCustomEvent
{
    internal sealed record Request(string Type, JsonElement? Data);

    internal sealed record Response(Guid Id, string Type, DateTimeOffset OccurredAt);

    /// <summary>Keeps a stray integration from filling the queues with megabytes per event.</summary>
    public const int MaxDataBytes = 64 * 1024;

    internal sealed class Handler(PlatformDbContext db, Outbox outbox, RequestContext context, TimeProvider clock)
    {
        public async Task<Response> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            var data = request.Data ?? JsonSerializer.SerializeToElement(new { });
            new Rules()
                .Check(request.Type is not null && EventCatalog.IsCustom(request.Type), "type",
                    "must start with \"custom.\" followed by lowercase letters, digits, dots, dashes or underscores (at most 100 characters).")
                .Check(data.ValueKind == JsonValueKind.Object, "data", "must be a JSON object.")
                .Check(data.GetRawText().Length <= MaxDataBytes, "data", $"must be at most {MaxDataBytes} bytes.")
                .ThrowIfInvalid();

            var integrationEvent = IntegrationEvent.Create(
                context.RequiredTenantId, context.TenantSlug!, request.Type!, request.Type!, data.Clone(), context.Actor, clock.GetUtcNow());
            outbox.Publish(integrationEvent);
            await outbox.SaveChangesAsync(db, cancellationToken);
            return new Response(integrationEvent.Id, integrationEvent.Type, integrationEvent.OccurredAt);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/events", async Task<Accepted<Response>> (Request request, Handler handler, CancellationToken ct) =>
        {
            var published = await handler.HandleAsync(request, ct);
            return TypedResults.Accepted((string?)null, published);
        })
        .RequirePermission(Permissions.EventsPublish)
        .WithName("PublishCustomEvent")
        .WithSummary("Publish a custom event (type custom.*) to the tenant's webhooks, triggers and event stream");
}
