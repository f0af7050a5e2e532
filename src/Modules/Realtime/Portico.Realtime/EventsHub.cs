using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Portico.Kernel.Events;
using Portico.Kernel.Tenancy;

namespace Portico.Realtime;

/// <summary>
/// <c>/hubs/events</c>. A client connects with its access token (header, or <c>?access_token=</c> for
/// WebSockets), optionally naming a tenant (<c>?tenant=slug</c>), then calls <c>JoinRoom</c>:
/// <list type="bullet">
/// <item><c>tenant:{slug}</c>: every event of a tenant the user is a member of;</item>
/// <item><c>bot:{id}</c>, <c>conversation:{id}</c>, <c>order:{id}</c>…: events about one record, within the
/// connection's tenant (the <c>?tenant=</c> one, else the tenant room joined last).</item>
/// </list>
/// <c>join-room</c> and <c>leave-room</c> are the same methods under the names the bot manager's clients use.
/// Membership is checked on every join, so a removed member cannot rejoin. Rooms are kept per tenant
/// (<see cref="GroupOf"/>): another tenant's record with the same id is a different room.
/// </summary>
[Authorize(Policies.Authenticated)]
internal sealed class EventsHub(ITenantAccessResolver access, RequestContext request) : Hub
{
    private const string TenantKey = "tenant";

    public async Task JoinRoom(string room)
    {
        var (tenant, scoped) = await ResolveAsync(room);
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(tenant.TenantId, scoped ?? TenantRoom(tenant.Slug)));
        if (scoped is null)
        {
            Context.Items[TenantKey] = tenant.Slug;
        }
    }

    public async Task LeaveRoom(string room)
    {
        var (tenant, scoped) = await ResolveAsync(room);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(tenant.TenantId, scoped ?? TenantRoom(tenant.Slug)));
    }

    /// <summary><see cref="JoinRoom"/> under the name the bot manager's clients call (<c>join-room</c>).</summary>
    [HubMethodName("join-room")]
    public Task JoinRoomKebab(string room) => JoinRoom(room);

    /// <summary><see cref="LeaveRoom"/> under the name the bot manager's clients call (<c>leave-room</c>).</summary>
    [HubMethodName("leave-room")]
    public Task LeaveRoomKebab(string room) => LeaveRoom(room);

    public static string TenantRoom(string slug) => RealtimeRooms.OfTenant(slug);

    public static string GroupOf(Guid tenantId, string room) => $"{tenantId:N}/{room}";

    private async Task<(TenantAccess Tenant, string? Scoped)> ResolveAsync(string room)
    {
        if (string.IsNullOrWhiteSpace(room) || room.Length > 200 || room.Split(':', 2) is not [var kind, var key] || kind.Length == 0 || key.Length == 0)
        {
            throw new HubException("A room is tenant:{slug} or {kind}:{id}, such as order:0190f3c2-….");
        }

        if (kind == "tenant")
        {
            return (await MemberAccessAsync(key), null);
        }

        if (!RealtimeRooms.IsScoped(room))
        {
            throw new HubException("A scoped room is {kind}:{id} with a lowercase kind and a plain id.");
        }

        var slug = Context.GetHttpContext()?.Request.Query[TenantKey].ToString() is { Length: > 0 } named ? named
            : Context.Items.TryGetValue(TenantKey, out var joined) ? joined as string
            : null;
        if (slug is null)
        {
            throw new HubException("Join a tenant:{slug} room first (or connect with ?tenant={slug}) so the record's tenant is known.");
        }

        return (await MemberAccessAsync(slug), room);
    }

    private async Task<TenantAccess> MemberAccessAsync(string slug)
    {
        var user = Context.User ?? new ClaimsPrincipal();
        var userId = user.TryGetUserId() ?? throw new HubException("Sign in first.");
        request.SetUser(userId); // each invocation has its own scope; row-level security needs the user
        var tenant = await access.ResolveAsync(slug, userId, user.IsInRole("PlatformAdmin"), Context.ConnectionAborted);
        if (tenant is null || tenant.Suspended || !tenant.Permissions.Contains(RealtimePermissions.EventsRead))
        {
            // The same answer for "no such tenant" and "not yours": nothing to learn by probing.
            throw new HubException($"No tenant '{slug}' is open to you.");
        }

        return tenant;
    }
}

/// <summary>SignalR users are our user ids (the token's <c>sub</c>), so a push can address every connection of a user.</summary>
internal sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.TryGetUserId()?.ToString();
}

/// <summary>Pushes through the hub; with the Redis backplane the push reaches clients on every instance.</summary>
internal sealed class HubPublisher(IHubContext<EventsHub> hub) : IRealtimePublisher
{
    public Task PublishToRoomAsync(Guid tenantId, string room, string eventName, object payload, CancellationToken cancellationToken) =>
        hub.Clients.Group(EventsHub.GroupOf(tenantId, room)).SendAsync(eventName, payload, cancellationToken);

    public Task PublishToUserAsync(Guid userId, string eventName, object payload, CancellationToken cancellationToken) =>
        hub.Clients.User(userId.ToString()).SendAsync(eventName, payload, cancellationToken);
}
