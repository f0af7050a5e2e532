using Portico.Kernel.Tenancy;

namespace Portico.Realtime;

/// <summary>The realtime module's permissions: reading the tenant's live event stream (hub and server-sent events).</summary>
internal static class RealtimePermissions
{
    public const string EventsRead = "events.read";

    public static readonly IReadOnlyList<PermissionGrant> Grants =
    [
        new(EventsRead, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Employee),
    ];
}
