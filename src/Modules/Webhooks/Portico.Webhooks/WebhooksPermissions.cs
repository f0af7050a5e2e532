using Portico.Kernel.Tenancy;

namespace Portico.Webhooks;

/// <summary>The webhooks module's permissions.</summary>
internal static class WebhooksPermissions
{
    public const string Manage = "webhooks.manage";

    public static readonly IReadOnlyList<PermissionGrant> Grants =
    [
        new(Manage, Roles.Owner, Roles.Admin),
    ];
}
