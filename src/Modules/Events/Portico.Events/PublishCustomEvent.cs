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
    /// <param name="Type">The event type, <c>custom.</c> followed by the tenant's own name.</param>
    /// <param name="Data">The payload, a JSON object.</param>
    /// <param name="Rooms">Scoped real-time rooms that should also hear it, such as <c>order:0190…</c>.</param>
    internal sealed record Request(string Type, JsonElement? Data, IReadOnlyList<string>? Rooms = null);

    internal sealed record Response(Guid Id, string Type, DateTimeOffset OccurredAt);

    /// <summary>Keeps a stray integration from filling the queues with megabytes per event.</summary>
    public const int MaxDataBytes = 64 * 1024;

    [RequiresPermission(EventsPermissions.Publish)]
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
                .Check(request.Rooms is null || (request.Rooms.Count <= 10 && request.Rooms.All(RealtimeRooms.IsScoped)), "rooms",
                    "must be at most 10 scoped rooms such as order:0190f3c2-7a1b (a lowercase kind, a colon and a plain id).")
                .ThrowIfInvalid();

            var integrationEvent = IntegrationEvent.Create(
                context.RequiredTenantId, context.TenantSlug!, request.Type!, request.Type!, data.Clone(), context.Actor, clock.GetUtcNow())
                with { Rooms = request.Rooms?.Distinct(StringComparer.Ordinal).ToList() ?? [] };
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
        .WithName("PublishCustomEvent")
        .WithSummary("Publish a custom event (type custom.*) to the tenant's webhooks, triggers and event stream");
}
