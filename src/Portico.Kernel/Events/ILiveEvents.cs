using System.Text.Json;

namespace Portico.Kernel.Events;

/// <summary>One event of a tenant's stream as it happens: its realtime name (<c>new-lead</c>), type and JSON payload.</summary>
public sealed record LiveEvent(long Position, string Name, string Type, JsonElement Payload);

/// <summary>
/// In-process subscription to a tenant's live events, for server-side readers such as console circuits. Implemented by
/// the realtime module over the same tenant stream the SSE endpoint serves, so events stored by any instance arrive.
/// One reader per tenant and instance feeds every subscriber of that tenant.
/// </summary>
public interface ILiveEvents
{
    /// <summary>Calls <paramref name="onEvent"/> for each new event of the tenant until the subscription is disposed.</summary>
    IDisposable Subscribe(Guid tenantId, Func<LiveEvent, Task> onEvent);
}
