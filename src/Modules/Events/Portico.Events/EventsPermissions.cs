using Portico.Kernel.Tenancy;

namespace Portico.Events;

/// <summary>The events module's permissions.</summary>
internal static class EventsPermissions
{
    public const string Publish = "events.publish";

    public static readonly IReadOnlyList<PermissionGrant> Grants =
    [
        new(Publish, Roles.Owner, Roles.Admin),
    ];
}
