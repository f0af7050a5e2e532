using Portico.Kernel.Tenancy;

namespace Portico.Notifications;

/// <summary>The notifications module's permissions.</summary>
internal static class NotificationsPermissions
{
    public const string Manage = "notifications.manage";

    public static readonly IReadOnlyList<PermissionGrant> Grants =
    [
        new(Manage, Roles.Owner, Roles.Admin),
    ];
}
