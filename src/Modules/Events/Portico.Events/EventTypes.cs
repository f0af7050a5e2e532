using Portico.Kernel.Events;

namespace Portico.Events;

/// <summary>The event types webhooks and notification triggers may name.</summary>
internal static class EventTypes
{
    internal sealed record EventTypeResponse(string Name, string RealtimeName, string Description);

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/event-types", (EventCatalog catalog) => TypedResults.Ok(
            catalog.All.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new EventTypeResponse(t.Name, t.RealtimeName, t.Description)).ToList()))
        .RequireAuthorization(Policies.Authenticated)
        .WithName("ListEventTypes")
        .WithSummary("Event types the platform raises; tenants may also publish their own as custom.*")
        .WithTags("Events");
}
