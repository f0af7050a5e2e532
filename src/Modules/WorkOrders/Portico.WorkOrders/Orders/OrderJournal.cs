using System.Text.Json;
using Portico.Identity.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.WorkOrders.Orders;

/// <summary>
/// Writes an order's timeline: every change goes through <see cref="Add"/> in the same unit of work as the change, with
/// who made it (the member's name is looked up once per request) and when. The one place entries are made, so the
/// timeline cannot miss a kind of change that another path makes.
/// </summary>
internal sealed class OrderJournal(WorkOrdersDbContext db, RequestContext request, IUserDirectory users)
{
    public const string ClientActor = "client";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private string? _actorName;
    private bool _named;

    /// <summary>The actor for entries: the request's, or <c>client</c> on the signed-link pages.</summary>
    public string? ActorOverride { get; set; }

    public WorkOrderEntry Add(WorkOrder order, string kind, string? text = null, object? data = null, Guid? stageId = null, bool shared = false)
    {
        var entry = new WorkOrderEntry
        {
            TenantId = order.TenantId,
            OrderId = order.Id,
            StageId = stageId,
            Kind = kind,
            Actor = ActorOverride ?? request.Actor,
            ActorName = ActorOverride is null ? _actorName : null,
            Text = text is { Length: > 4000 } ? text[..4000] : text,
            Data = data is null ? null : JsonSerializer.Serialize(data, Json),
            Shared = shared,
        };
        db.Entries.Add(entry);
        return entry;
    }

    /// <summary>Looks the acting member's name up (once) so entries carry it; call before <see cref="Add"/> in a use case.</summary>
    public async Task NameActorAsync(CancellationToken cancellationToken)
    {
        if (_named || ActorOverride is not null)
        {
            return;
        }

        _named = true;
        if (request.UserId is { } userId && (await users.FindByIdsAsync([userId], cancellationToken)) is [var user, ..])
        {
            _actorName = user.FullName;
        }
    }
}
