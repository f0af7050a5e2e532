using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portico.Kernel.Events;

/// <summary>
/// Names an integration event payload. The name (<c>member.joined</c>, <c>lead.created</c>) is what
/// webhooks subscribe to, triggers match and the event stream carries; the realtime name
/// (<c>new-lead</c>) is the kebab-case server event pushed to hub clients.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    /// <summary>Server event name on the hub and the SSE stream; defaults to <see cref="Name"/>.</summary>
    public string? RealtimeName { get; init; }

    /// <summary>One line for docs and for the event type list the API returns.</summary>
    public string Description { get; init; } = "";
}

/// <summary>A payload that names the member a notification about it should reach ("the assigned user").</summary>
public interface IAssignedEvent
{
    Guid? AssigneeUserId { get; }
}

/// <summary>A payload about a record with an outside contact ("the contact of the record").</summary>
public interface IContactEvent
{
    EventContact? Contact { get; }
}

/// <summary>A payload that also belongs in scoped real-time rooms such as <c>bot:{id}</c> or <c>order:{id}</c>.</summary>
public interface IRoomScopedEvent
{
    IEnumerable<string> Rooms { get; }
}

/// <summary>Names of real-time rooms: <c>tenant:{slug}</c>, and scoped rooms <c>{kind}:{id}</c> such as <c>order:0190…</c>.</summary>
public static class RealtimeRooms
{
    public static string OfTenant(string slug) => "tenant:" + slug;

    /// <summary>A scoped room: a lowercase kind other than <c>tenant</c>, a colon, and a plain id.</summary>
    public static bool IsScoped(string? room) =>
        room is { Length: > 2 and <= 200 }
        && room.Split(':', 2) is [{ Length: > 0 } kind, { Length: > 0 } key]
        && kind != "tenant"
        && kind.All(char.IsAsciiLetterLower)
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>How to reach the outside person an event is about.</summary>
public sealed record EventContact(string? Name, string? Email, string? Phone, string? Locale = null, long? TelegramChatId = null);

/// <summary>
/// The one message shape every integration event travels in: stored in the outbox with the change
/// that caused it, then delivered durably to each subscriber's queue. The typed payload (a record
/// in the raising module's Contracts project, marked with <see cref="EventTypeAttribute"/>) is kept
/// as JSON so that generic subscribers (webhooks, notifications, the event stream) need no
/// knowledge of it, while a module that cares reads it back with <see cref="DataAs{T}"/>.
/// </summary>
public sealed record IntegrationEvent
{
    /// <summary>UUIDv7; subscribers deduplicate on it, so a redelivered event has no second effect.</summary>
    public required Guid Id { get; init; }

    public required Guid TenantId { get; init; }

    public required string TenantSlug { get; init; }

    public required string Type { get; init; }

    public required string RealtimeName { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Who caused it: <c>user:{id}</c>, <c>system:…</c> or <c>api</c>.</summary>
    public required string Actor { get; init; }

    public required JsonElement Data { get; init; }

    public Guid? AssigneeUserId { get; init; }

    public EventContact? Contact { get; init; }

    /// <summary>Scoped rooms besides <c>tenant:{slug}</c>.</summary>
    public IReadOnlyList<string> Rooms { get; init; } = [];

    public T DataAs<T>() => Data.Deserialize<T>(EventJson.Options)
        ?? throw new InvalidOperationException($"Event {Id} of type {Type} has no data.");

    /// <summary>Wraps a typed payload for the outbox.</summary>
    public static IntegrationEvent Create(Guid tenantId, string tenantSlug, object payload, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var attribute = payload.GetType().GetCustomAttribute<EventTypeAttribute>()
            ?? throw new InvalidOperationException($"{payload.GetType().Name} has no [EventType]: name it before publishing it.");
        return Create(tenantId, tenantSlug, attribute.Name, attribute.RealtimeName ?? attribute.Name, JsonSerializer.SerializeToElement(payload, payload.GetType(), EventJson.Options), actor, now) with
        {
            AssigneeUserId = (payload as IAssignedEvent)?.AssigneeUserId,
            Contact = (payload as IContactEvent)?.Contact,
            Rooms = (payload as IRoomScopedEvent)?.Rooms.ToList() ?? [],
        };
    }

    /// <summary>An event whose type is known only at run time (custom events posted through the API).</summary>
    public static IntegrationEvent Create(Guid tenantId, string tenantSlug, string type, string realtimeName, JsonElement data, string actor, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        TenantSlug = tenantSlug,
        Type = type,
        RealtimeName = realtimeName,
        OccurredAt = now,
        Actor = actor,
        Data = data,
    };
}

/// <summary>The JSON shape of event payloads everywhere they leave the process: camelCase, enums as strings.</summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>
/// Marks a class whose <c>Handle</c>/<c>HandleAsync</c> methods consume messages from the durable
/// queues (integration events, scheduled work). Only such classes are handed to the message bus, so
/// the request handlers of the HTTP slices are never mistaken for queue handlers. Must be public.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "A marker the host discovers handlers by.")]
public interface IQueueHandler;
